using System.Buffers.Binary;
using System.Text;

namespace FastW2V.Training;

/// <summary>
/// Reads the fields of one checkpoint section whose checksum has been verified. Every read is checked
/// against the section's end, and every count and length against what could still follow, so a forged
/// field fails as one line naming the checkpoint and the section (never an EndOfStream, Format,
/// Overflow or OutOfMemory exception, nor an allocation the file cannot fill).
/// </summary>
internal sealed class SectionReader(byte[] bytes, string path, string section)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false,
        throwOnInvalidBytes: true);
    private int _position;

    public int Remaining => bytes.Length - _position;

    /// <summary>The one-line error for a field of this section that cannot be right.</summary>
    public FastW2VException Damaged(string detail) =>
        new($"The checkpoint '{path}' is damaged: its {section} section {detail}.");

    public ReadOnlySpan<byte> Bytes(int count, string what)
    {
        if (count < 0 || count > Remaining) throw Damaged($"has {what} of {count} bytes, past its end");
        var span = bytes.AsSpan(_position, count);
        _position += count;
        return span;
    }

    public int Int32(string what) => BinaryPrimitives.ReadInt32LittleEndian(Bytes(4, what));
    public long Int64(string what) => BinaryPrimitives.ReadInt64LittleEndian(Bytes(8, what));
    public ulong UInt64(string what) => BinaryPrimitives.ReadUInt64LittleEndian(Bytes(8, what));
    public float Single(string what) => BinaryPrimitives.ReadSingleLittleEndian(Bytes(4, what));
    public double Double(string what) => BinaryPrimitives.ReadDoubleLittleEndian(Bytes(8, what));

    /// <summary>A count of entries that take at least <paramref name="minimumBytes"/> each: never more than the
    /// rest of the section could hold (a forged count allocates nothing).</summary>
    public int Count(string what, int minimumBytes)
    {
        int count = Int32(what);
        if (count < 0) throw Damaged($"counts {count} {what}");
        if ((long)count * minimumBytes > Remaining)
            throw Damaged($"counts {count} {what}, more than its {Remaining} remaining bytes can hold");
        return count;
    }

    /// <summary>A number that must lie in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public long Int64(string what, long min, long max)
    {
        long value = Int64(what);
        if (value < min || value > max) throw Damaged($"holds {what} {value}, outside [{min}, {max}]");
        return value;
    }

    /// <summary>A string as <see cref="BinaryWriter.Write(string)"/> writes it: its UTF-8 length as a 7-bit
    /// encoded number, then the bytes.</summary>
    public string String(string what)
    {
        int length = 0;
        for (int shift = 0; ; shift += 7)
        {
            if (shift > 28) throw Damaged($"has a malformed length of {what}");
            byte b = Bytes(1, $"the length of {what}")[0];
            length |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) break;
        }
        if (length < 0) throw Damaged($"has a malformed length of {what}");
        var utf8 = Bytes(length, what);
        try { return StrictUtf8.GetString(utf8); }
        catch (DecoderFallbackException) { throw Damaged($"holds {what} that is not valid UTF-8"); }
    }

    /// <summary>The section must end where its last field does.</summary>
    public void End()
    {
        if (Remaining != 0) throw Damaged($"has {Remaining} bytes after its last field");
    }
}
