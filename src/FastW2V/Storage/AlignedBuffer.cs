using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FastW2V.Storage;

/// <summary>
/// Unmanaged memory aligned to 64 bytes (one cache line, one Vector512), never moved by the GC.
/// Large buffers are aligned to 2 MiB and advised as transparent huge pages: the embedding matrices
/// and the unigram table are read at random, so fewer TLB misses pay off directly.
/// </summary>
internal sealed unsafe class AlignedBuffer : IDisposable
{
    public const int CacheLine = 64;
    private const long HugePage = 2L << 20;
    private void* _pointer;

    public long ByteLength { get; }

    public AlignedBuffer(long byteLength, bool zero = true)
    {
        if (byteLength < 0) throw new ArgumentOutOfRangeException(nameof(byteLength));
        ByteLength = byteLength;
        bool huge = byteLength >= HugePage;
        nuint alignment = huge ? (nuint)HugePage : CacheLine;
        nuint size = (nuint)Math.Max(byteLength, 1);
        if (huge) size = (size + (nuint)HugePage - 1) & ~((nuint)HugePage - 1);
        _pointer = NativeMemory.AlignedAlloc(size, alignment);
        if (huge) HugePages.Advise(_pointer, size);
        if (zero) NativeMemory.Clear(_pointer, size);
        if (byteLength > 0) GC.AddMemoryPressure(byteLength);
    }

    /// <summary>The memory (the throw sits in its own method, so this inlines into hot loops).</summary>
    public void* Pointer
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            void* p = _pointer;
            if (p == null) ThrowDisposed();
            return p;
        }
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowDisposed() => throw new ObjectDisposedException(nameof(AlignedBuffer));

    public void Dispose()
    {
        if (_pointer == null) return;
        NativeMemory.AlignedFree(_pointer);
        _pointer = null;
        if (ByteLength > 0) GC.RemoveMemoryPressure(ByteLength);
    }
}
