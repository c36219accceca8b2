namespace FastW2V.Evaluation;

/// <summary>One section's result: questions answered right, seen (all four words in the vocabulary) and in the
/// file.</summary>
public sealed record SectionScore(string Name, int Correct, int Seen, int Total)
{
    /// <summary>Correct / seen (0 when none was seen).</summary>
    public double Accuracy => Seen > 0 ? (double)Correct / Seen : 0;
}
