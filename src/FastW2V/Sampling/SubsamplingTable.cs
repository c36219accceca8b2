using FastW2V.Vocabularies;
namespace FastW2V.Sampling;

/// <summary>
/// Frequent-word subsampling, precomputed per word with word2vec.c's formula: with
/// <c>t = sample · train_words</c>, a word seen <c>c</c> times is kept with probability
/// <c>(√(c / t) + 1) · t / c</c> (capped at 1). Stored as 32-bit thresholds so the hot loop decides
/// with one integer compare against a random 32-bit number.
/// </summary>
internal sealed class SubsamplingTable
{
    private readonly uint[] _thresholds;

    public SubsamplingTable(Vocabulary vocabulary, double sample)
    {
        if (sample < 0) throw new FastW2VException($"sample must be 0 (off) or positive (got {sample}).");
        _thresholds = new uint[vocabulary.Count];
        double t = sample * vocabulary.TotalCount;
        for (int i = 0; i < _thresholds.Length; i++)
        {
            double keep = KeepProbability(vocabulary.GetCount(i), t);
            _thresholds[i] = keep >= 1 ? uint.MaxValue : (uint)(keep * 4294967296.0);
        }
    }

    /// <summary>word2vec.c's keep probability for a word seen <paramref name="count"/> times (1 when sampling is
    /// off).</summary>
    public static double KeepProbability(long count, double sampleTimesTrainWords)
    {
        if (sampleTimesTrainWords <= 0 || count <= 0) return 1;
        double keep = (Math.Sqrt(count / sampleTimesTrainWords) + 1) * sampleTimesTrainWords / count;
        return Math.Min(1, keep);
    }

    /// <summary>Keep the word when a uniform random 32-bit number is at most this (uint.MaxValue: always).</summary>
    public ReadOnlySpan<uint> Thresholds => _thresholds;

    public double Probability(int word) => _thresholds[word] == uint.MaxValue ? 1 : _thresholds[word] / 4294967296.0;
}
