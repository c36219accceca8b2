namespace FastW2V.Evaluation;

/// <summary>An analogy evaluation: each section, the semantic and syntactic groups, the total, and how it was
/// run.</summary>
public sealed record AnalogyReport(IReadOnlyList<SectionScore> Sections, SectionScore Semantic, SectionScore Syntactic,
    SectionScore Overall, int Restrict, AnalogyMethod Method, int MalformedLines, TimeSpan Elapsed)
{
    /// <summary>
    /// The semantic, syntactic and total scores of the sections up to <paramref name="last"/> (from 0):
    /// the running "Total accuracy" line compute-accuracy prints after each section.
    /// </summary>
    public (SectionScore Semantic, SectionScore Syntactic, SectionScore Overall) Through(int last)
    {
        var done = Sections.Take(last + 1).ToList();
        int semantic = AnalogyEvaluator.SemanticSections;
        return (SectionScore.Sum("semantic", done.Take(semantic)), SectionScore.Sum("syntactic", done.Skip(semantic)),
            SectionScore.Sum("total", done));
    }
}
