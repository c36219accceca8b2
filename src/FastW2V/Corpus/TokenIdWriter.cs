using System.Runtime.InteropServices;

namespace FastW2V.Corpus;

/// <summary>Appends int32 token ids to a file through a native buffer (one store per token).</summary>
internal sealed unsafe class TokenIdWriter : IDisposable
{
    private const int BufferTokens = 1 << 16;
    private readonly FileStream _stream;
    private readonly int* _buffer;
    private int _used;
    private bool _disposed;

    public long Written { get; private set; }

    /// <summary>Tokens appended so far (written or still buffered).</summary>
    public long Position => Written + _used;

    public TokenIdWriter(string path)
    {
        _stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1);
        _buffer = (int*)NativeMemory.Alloc(BufferTokens * sizeof(int));
    }

    public void Append(int id)
    {
        _buffer[_used++] = id;
        if (_used == BufferTokens) Flush();
    }

    public void Flush()
    {
        _stream.Write(new ReadOnlySpan<byte>(_buffer, _used * sizeof(int)));
        Written += _used;
        _used = 0;
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Flush();
        _stream.Dispose();
        NativeMemory.Free(_buffer);
    }
}
