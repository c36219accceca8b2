using System.Text;
using FastW2V.Sampling;

namespace FastW2V;

/// <summary>
/// The built-in benchmark corpus, so that a per-core figure is one command on any machine: words drawn
/// from a Zipf distribution (the frequency of the word of rank r ∝ 1 / r, as natural text roughly is) over
/// a fixed vocabulary, in sentences of 5 to 35 words, from a fixed seed — the same text everywhere.
/// </summary>
public static class SyntheticCorpus
{
    /// <summary>Distinct words the text draws from.</summary>
    public const int Vocabulary = 100_000;

    /// <summary>Writes <paramref name="words"/> words of the corpus to <paramref name="path"/> (UTF-8 text).</summary>
    public static void Write(string path, long words, ulong seed = 1)
    {
        if (words < 1) throw new FastW2VException($"The synthetic corpus needs at least one word (got {words}).");
        var cumulative = new double[Vocabulary];
        double sum = 0;
        for (int r = 0; r < Vocabulary; r++) cumulative[r] = sum += 1.0 / (r + 1);
        var names = Enumerable.Range(0, Vocabulary).Select(r => Encoding.ASCII.GetBytes(Name(r))).ToArray();
        var random = new FastRandom(seed);
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20);
        int left = 0;
        for (long w = 0; w < words; w++)
        {
            if (left == 0) left = 5 + (int)random.NextBelow(31);
            double u = (random.Next() * 4294967296.0 + random.Next()) / 18446744073709551616.0 * sum;
            int rank = Array.BinarySearch(cumulative, u);
            file.Write(names[rank < 0 ? Math.Min(~rank, Vocabulary - 1) : rank]);
            file.WriteByte(--left == 0 ? (byte)'\n' : (byte)' ');
        }
    }

    /// <summary>The word of a rank: letters only, shortest for the most frequent (a, b, …, aa, ab, …).</summary>
    private static string Name(int rank)
    {
        var name = new StringBuilder();
        for (int r = rank + 1; r > 0; r = (r - 1) / 26) name.Insert(0, (char)('a' + (r - 1) % 26));
        return name.ToString();
    }
}
