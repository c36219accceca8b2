using Microsoft.Win32.SafeHandles;

namespace FastW2V.Corpus;

/// <summary>
/// One shard of a corpus file, [start, start + length), read with pread into the caller's buffer.
/// Why not the memory map the shards were once counted from: a file truncated while it is mapped kills
/// the process with SIGBUS (no message, the cache folder left behind); read past the new end simply
/// returns 0, which this stream turns into one line. Nothing is lost to the map: each shard is read once,
/// front to back, in large buffers.
/// </summary>
internal sealed class ShardStream(SafeFileHandle file, long start, long length, string name) : ReadOnlyStream
{
    private long _position;

    public override int Read(Span<byte> buffer)
    {
        long left = length - _position;
        if (left <= 0) return 0;
        if (buffer.Length > left) buffer = buffer[..(int)left];
        int read = RandomAccess.Read(file, buffer, start + _position);
        if (read == 0)
            throw new FastW2VException($"{name} changed size while it was read: it ends at byte " +
                $"{start + _position:N0}, "
                + $"not {start + length:N0}. Let whatever writes it finish (or train from a copy).");
        _position += read;
        return read;
    }

    public override long Length => length;
    public override long Position { get => _position; set => throw new NotSupportedException(); }
}
