namespace FastW2V.Sampling;

/// <summary>The unigram distribution raised to 0.75 (word2vec.c's), the base of both samplers.</summary>
internal static class UnigramDistribution
{
    public const double Power = 0.75;

    public static double[] Weights(ReadOnlySpan<long> counts)
    {
        var w = new double[counts.Length];
        double total = 0;
        for (int i = 0; i < w.Length; i++) total += w[i] = Math.Pow(counts[i], Power);
        if (total <= 0) throw new FastW2VException("Negative sampling needs at least one word with a positive count.");
        for (int i = 0; i < w.Length; i++) w[i] /= total;
        return w;
    }
}
