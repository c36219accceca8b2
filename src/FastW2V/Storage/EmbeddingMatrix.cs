namespace FastW2V.Storage;

/// <summary>
/// A rows × dimension float matrix in pinned, 64-byte-aligned unmanaged memory. Each row is padded
/// to a whole number of 64-byte lines (16 floats), so every row starts on a cache line and SIMD
/// kernels never need a scalar tail; the padding stays zero.
/// </summary>
public sealed unsafe class EmbeddingMatrix : IDisposable
{
    /// <summary>Floats in a 64-byte cache line: rows are padded to a multiple of it.</summary>
    public const int FloatsPerLine = AlignedBuffer.CacheLine / sizeof(float);
    private readonly AlignedBuffer _buffer;

    /// <summary>The number of rows (words).</summary>
    public int Rows { get; }
    /// <summary>The floats of a row that hold the vector.</summary>
    public int Dimension { get; }
    /// <summary>Floats from one row's start to the next: the dimension rounded up to 16.</summary>
    public int Stride { get; }
    /// <summary>The first row (rows are <see cref="Stride"/> floats apart, 64-byte aligned).</summary>
    public float* Data => (float*)_buffer.Pointer;

    /// <summary>A zeroed matrix in pinned, 64-byte-aligned native memory.</summary>
    public EmbeddingMatrix(int rows, int dimension)
    {
        if (rows < 0) throw new ArgumentOutOfRangeException(nameof(rows));
        if (dimension < 1) throw new ArgumentOutOfRangeException(nameof(dimension));
        Rows = rows;
        Dimension = dimension;
        Stride = PaddedDimension(dimension);
        _buffer = new AlignedBuffer((long)rows * Stride * sizeof(float), zero: true);
    }

    /// <summary>The stride of a row of <paramref name="dimension"/> floats.</summary>
    public static int PaddedDimension(int dimension) => (dimension + FloatsPerLine - 1) / FloatsPerLine * FloatsPerLine;

    /// <summary>A pointer to a row.</summary>
    public float* Row(int row) => Data + (long)row * Stride;
    /// <summary>A row's vector (its first <see cref="Dimension"/> floats).</summary>
    public Span<float> RowSpan(int row) => new(Row(row), Dimension);

    /// <summary>Asks for every cache line of a row ahead of use (random rows miss the cache).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static void PrefetchRow(float* row, int stride)
    {
        if (!System.Runtime.Intrinsics.X86.Sse.IsSupported) return;
        for (int line = 0; line < stride; line += FloatsPerLine)
            System.Runtime.Intrinsics.X86.Sse.Prefetch0(row + line);
    }

    /// <summary>Frees the native memory.</summary>
    public void Dispose() => _buffer.Dispose();
}
