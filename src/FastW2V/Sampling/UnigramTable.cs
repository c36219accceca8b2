using FastW2V.Storage;
using FastW2V.Kernels;

namespace FastW2V.Sampling;

/// <summary>
/// word2vec.c's negative-sampling table, filled the same way (word i owns a share of the entries
/// proportional to count^0.75), but with 2^23 entries instead of 10^8 for vocabularies up to 2 M words:
/// 32 MB instead of 400 MB, and a power-of-two size so a draw is a shift instead of a division. Larger
/// vocabularies get at least four entries per word (2^26 for 10 M words), so the tail of a vocabulary
/// past 2^23 words can still be drawn; past <see cref="MaxWords"/> the table is refused (the alias
/// sampler, the default, has no such limit).
/// </summary>
internal sealed unsafe class UnigramTable : IDisposable
{
    public const int MinBits = 23, MaxBits = 28;
    /// <summary>The most words a table of 2^<see cref="MaxBits"/> entries serves (four entries a word).</summary>
    public const int MaxWords = 1 << (MaxBits - 2);
    private readonly AlignedBuffer _buffer;

    public int Bits { get; }
    public long Size => 1L << Bits;
    public int* Entries => (int*)_buffer.Pointer;

    /// <summary>Entries for a vocabulary of this many words.</summary>
    public static int BitsFor(int words)
    {
        if (words > MaxWords)
            throw new FastW2VException($"The Table negative sampler serves at most {MaxWords:N0} words (this " +
                $"vocabulary has {words:N0}): use --neg-sampler Alias (the default) or raise -min-count.");
        int bits = MinBits;
        while ((1L << bits) < 4L * words) bits++;
        return bits;
    }

    public UnigramTable(ReadOnlySpan<long> counts)
    {
        Bits = BitsFor(counts.Length);
        _buffer = new AlignedBuffer(Size * sizeof(int), zero: false);
        double[] p = UnigramDistribution.Weights(counts);
        int word = 0;
        double cumulative = p[0];
        int* t = Entries;
        for (long a = 0; a < Size; a++)
        {
            t[a] = word;
            if (a / (double)Size > cumulative && word < p.Length - 1) cumulative += p[++word];
        }
    }

    public int Draw(uint random32) => Entries[random32 >> (32 - Bits)];

    public void Dispose() => _buffer.Dispose();
}
