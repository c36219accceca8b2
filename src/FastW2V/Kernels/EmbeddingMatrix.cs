namespace FastW2V.Kernels;

/// <summary>
/// A rows × dimension float matrix in pinned, 64-byte-aligned unmanaged memory. Each row is padded
/// to a whole number of 64-byte lines (16 floats), so every row starts on a cache line and SIMD
/// kernels never need a scalar tail; the padding stays zero.
/// </summary>
public sealed unsafe class EmbeddingMatrix : IDisposable
{
    public const int FloatsPerLine = AlignedBuffer.CacheLine / sizeof(float);
    private readonly AlignedBuffer _buffer;

    public int Rows { get; }
    public int Dimension { get; }
    /// <summary>Floats from one row's start to the next: the dimension rounded up to 16.</summary>
    public int Stride { get; }
    public float* Data => (float*)_buffer.Pointer;

    public EmbeddingMatrix(int rows, int dimension)
    {
        if (rows < 0) throw new ArgumentOutOfRangeException(nameof(rows));
        if (dimension < 1) throw new ArgumentOutOfRangeException(nameof(dimension));
        Rows = rows;
        Dimension = dimension;
        Stride = PaddedDimension(dimension);
        _buffer = new AlignedBuffer((long)rows * Stride * sizeof(float), zero: true);
    }

    public static int PaddedDimension(int dimension) => (dimension + FloatsPerLine - 1) / FloatsPerLine * FloatsPerLine;

    public float* Row(int row) => Data + (long)row * Stride;
    public Span<float> RowSpan(int row) => new(Row(row), Dimension);

    /// <summary>Asks for every cache line of a row ahead of use (random rows miss the cache).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static void PrefetchRow(float* row, int stride)
    {
        if (!System.Runtime.Intrinsics.X86.Sse.IsSupported) return;
        for (int line = 0; line < stride; line += FloatsPerLine) System.Runtime.Intrinsics.X86.Sse.Prefetch0(row + line);
    }

    public void Dispose() => _buffer.Dispose();
}
