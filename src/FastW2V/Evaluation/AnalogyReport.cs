namespace FastW2V.Evaluation;

/// <summary>An analogy evaluation: each section, the semantic and syntactic groups, the total, and how it was
/// run.</summary>
public sealed record AnalogyReport(IReadOnlyList<SectionScore> Sections, SectionScore Semantic, SectionScore Syntactic,
    SectionScore Overall, int Restrict, AnalogyMethod Method, int MalformedLines, TimeSpan Elapsed);
