using FastW2V.Kernels;

namespace FastW2V.Sampling;

/// <summary>
/// word2vec.c's negative-sampling table, filled the same way (word i owns a share of the entries
/// proportional to count^0.75), but with 2^23 entries instead of 10^8: 32 MB instead of 400 MB, and a
/// power-of-two size so a draw is a shift instead of a division.
/// </summary>
public sealed unsafe class UnigramTable : IDisposable
{
    public const int Bits = 23;
    public const int Size = 1 << Bits;
    private readonly AlignedBuffer _buffer = new((long)Size * sizeof(int), zero: false);

    public int* Entries => (int*)_buffer.Pointer;

    public UnigramTable(ReadOnlySpan<long> counts)
    {
        double[] p = UnigramDistribution.Weights(counts);
        int word = 0;
        double cumulative = p[0];
        int* t = Entries;
        for (int a = 0; a < Size; a++)
        {
            t[a] = word;
            if (a / (double)Size > cumulative && word < p.Length - 1) cumulative += p[++word];
        }
    }

    public int Draw(uint random32) => Entries[random32 >> (32 - Bits)];

    public void Dispose() => _buffer.Dispose();
}
