using FastW2V.Storage;
using System.Runtime.CompilerServices;
using FastW2V.Kernels;

namespace FastW2V.Sampling;

/// <summary>
/// Vose's alias method over unigram^0.75: one 8-byte entry per word (a threshold and an alias), so
/// the whole table of a 70k-word vocabulary is 560 KB and stays in the L2 cache. A draw takes one
/// 32-bit random number r: the high half of r·n picks the column, the low half (uniform within the
/// column) decides between the column and its alias.
/// </summary>
internal sealed unsafe class AliasTable : IDisposable
{
    private struct Entry
    {
        public uint Threshold; // keep the column when the low random bits are below this
        public int Alias;
    }

    private readonly AlignedBuffer _buffer;
    private readonly Entry* _entries;
    private readonly uint _count;

    public AliasTable(ReadOnlySpan<long> counts)
    {
        double[] p = UnigramDistribution.Weights(counts);
        int n = p.Length;
        _count = (uint)n;
        _buffer = new AlignedBuffer((long)n * sizeof(Entry));
        _entries = (Entry*)_buffer.Pointer;
        var scaled = new double[n];
        var small = new Stack<int>();
        var large = new Stack<int>();
        for (int i = 0; i < n; i++)
        {
            scaled[i] = p[i] * n;
            (scaled[i] < 1 ? small : large).Push(i);
        }
        while (small.Count > 0 && large.Count > 0)
        {
            int s = small.Pop(), l = large.Pop();
            _entries[s] = new Entry { Threshold = ToThreshold(scaled[s]), Alias = l };
            scaled[l] -= 1 - scaled[s];
            (scaled[l] < 1 ? small : large).Push(l);
        }
        foreach (int i in large.Concat(small)) _entries[i] = new Entry { Threshold = uint.MaxValue, Alias = i };
    }

    private static uint ToThreshold(double x) => (uint)Math.Clamp(x * 4294967296.0, 0, uint.MaxValue);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Draw(uint random32)
    {
        ulong x = (ulong)random32 * _count;
        int column = (int)(x >> 32);
        Entry e = _entries[column];
        // Branch-free choice: the outcome is a coin flip the predictor cannot learn, and a mispredicted
        // branch here waits for the table load (usually a cache miss) before the next draw can start.
        int keep = (int)(((long)(uint)x - e.Threshold) >> 63); // −1 when the low bits are below the threshold
        return e.Alias ^ ((column ^ e.Alias) & keep);
    }

    public void Dispose() => _buffer.Dispose();
}
