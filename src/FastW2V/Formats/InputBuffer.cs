using System.Runtime.InteropServices;

namespace FastW2V.Formats;

/// <summary>
/// A whole stream read into native memory: standard input cannot be mapped or read twice, so a reader
/// that parses a file in place (<see cref="VectorFileReader"/>) gets its bytes here, without the 2 GB
/// limit of an array.
/// </summary>
internal sealed unsafe class InputBuffer : IDisposable
{
    internal const long Limit = 1L << 36;
    private byte* _buffer;

    public long Length { get; }
    public byte* Pointer => _buffer;

    private InputBuffer(byte* buffer, long length)
    {
        _buffer = buffer;
        Length = length;
    }

    /// <summary>Reads <paramref name="stream"/> to its end; <paramref name="what"/> names it in errors.</summary>
    /// <param name="tooLarge">The error when it holds more than 64 GiB (default: "WHAT holds more …").</param>
    public static InputBuffer ReadAll(Stream stream, string what, string? tooLarge = null)
    {
        long capacity = 1 << 20, length = 0;
        byte* buffer = (byte*)NativeMemory.Alloc((nuint)capacity);
        try
        {
            while (true)
            {
                if (length == capacity)
                {
                    if (capacity >= Limit)
                        throw new FastW2VException(
                            tooLarge ?? $"{what} holds more than {Limit >> 30} GiB: give a file.");
                    capacity *= 2;
                    buffer = (byte*)NativeMemory.Realloc(buffer, (nuint)capacity);
                }
                int read = stream.Read(new Span<byte>(buffer + length, (int)Math.Min(int.MaxValue, capacity - length)));
                if (read == 0) return new InputBuffer(buffer, length);
                length += read;
            }
        }
        catch (Exception e)
        {
            NativeMemory.Free(buffer);
            if (e is IOException) throw new FastW2VException($"Cannot read {what}: {e.Message}");
            throw;
        }
    }

    public void Dispose()
    {
        if (_buffer == null) return;
        NativeMemory.Free(_buffer);
        _buffer = null;
    }
}
