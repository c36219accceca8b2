namespace FastW2V.Evaluation;

/// <summary>One section's result: questions answered right, seen (all four words in the vocabulary) and in the
/// file.</summary>
public sealed record SectionScore(string Name, int Correct, int Seen, int Total)
{
    /// <summary>Correct / seen (0 when none was seen).</summary>
    public double Accuracy => Seen > 0 ? (double)Correct / Seen : 0;

    /// <summary>The sum of <paramref name="parts"/>' counts, under <paramref name="name"/>.</summary>
    public static SectionScore Sum(string name, IEnumerable<SectionScore> parts) =>
        parts.Aggregate(new SectionScore(name, 0, 0, 0), (acc, p) =>
            acc with { Correct = acc.Correct + p.Correct, Seen = acc.Seen + p.Seen, Total = acc.Total + p.Total });
}
