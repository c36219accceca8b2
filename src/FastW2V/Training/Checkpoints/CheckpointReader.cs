using System.Buffers.Binary;
using System.IO.Hashing;

namespace FastW2V.Training;

/// <summary>
/// Walks the sections of a checkpoint (<see cref="CheckpointWriter"/>'s framing): each length is checked
/// against the bytes the file still holds before anything is allocated, and each small section's checksum
/// before any of its fields is read. The matrices are only measured here; <see cref="CheckpointFile.LoadModel"/>
/// reads and verifies them.
/// </summary>
internal sealed class CheckpointReader(Stream stream, string path)
{
    /// <summary>Length, payload and checksum: a section takes at least this many bytes.</summary>
    private const int Framing = 16;

    public FastW2VException Damaged(string section, string detail) =>
        new($"The checkpoint '{path}' is damaged: its {section} section {detail}.");

    /// <summary>The magic bytes and the format version.</summary>
    public void Preamble()
    {
        Span<byte> head = stackalloc byte[12];
        int read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var magic = CheckpointFile.Magic;
        if (read < magic.Length || !head[..magic.Length].SequenceEqual(magic))
            throw new FastW2VException($"'{path}' is not an fw2v checkpoint.");
        if (read < head.Length) throw new FastW2VException($"The checkpoint '{path}' is truncated (in its version).");
        int version = BinaryPrimitives.ReadInt32LittleEndian(head[8..]);
        if (version != CheckpointFile.Version)
            throw new FastW2VException($"'{path}' is a checkpoint of another fw2v version (format {version}; this "
                + $"one reads format {CheckpointFile.Version}).");
    }

    /// <summary>The next section's payload, its checksum verified.</summary>
    public SectionReader Section(string name)
    {
        long length = Length(name);
        if (length > Array.MaxLength) throw Damaged(name, $"claims {length:N0} bytes, more than it can hold");
        var payload = new byte[length];
        stream.ReadExactly(payload);
        var hash = new XxHash64();
        hash.Append(LengthBytes(length));
        hash.Append(payload);
        CheckHash(name, hash);
        return new SectionReader(payload, path, name);
    }

    /// <summary>A matrix section's place and shape, its payload passed over (its checksum is the model
    /// loader's).</summary>
    public CheckpointMatrix Matrix(string name)
    {
        long offset = stream.Position;
        long length = Length(name);
        Span<byte> shape = stackalloc byte[8];
        if (length < shape.Length) throw Damaged(name, $"claims {length} bytes, too few for its shape");
        stream.ReadExactly(shape);
        int rows = BinaryPrimitives.ReadInt32LittleEndian(shape);
        int columns = BinaryPrimitives.ReadInt32LittleEndian(shape[4..]);
        if (rows < 0 || columns < 0 || CheckpointFile.MatrixSectionLength(rows, columns) != length)
            throw Damaged(name, $"holds a {rows} × {columns} matrix in {length:N0} bytes");
        stream.Position = offset + Framing + length;
        return new CheckpointMatrix(name, offset, rows, columns);
    }

    /// <summary>Nothing may follow the last section.</summary>
    public void End()
    {
        long extra = stream.Length - stream.Position;
        if (extra != 0)
            throw new FastW2VException($"The checkpoint '{path}' is damaged: {extra:N0} bytes follow its last "
                + "section.");
    }

    /// <summary>A section's length, which must leave room for its payload and checksum in the file.</summary>
    private long Length(string name)
    {
        long left = stream.Length - stream.Position;
        if (left < Framing)
            throw new FastW2VException($"The checkpoint '{path}' is truncated: its {name} section is missing.");
        Span<byte> bytes = stackalloc byte[8];
        stream.ReadExactly(bytes);
        long length = BinaryPrimitives.ReadInt64LittleEndian(bytes);
        if (length < 0 || length > left - Framing)
            throw new FastW2VException($"The checkpoint '{path}' is truncated or damaged: its {name} section claims "
                + $"{length:N0} bytes, the file holds {Math.Max(0, left - Framing):N0} more.");
        return length;
    }

    private void CheckHash(string name, XxHash64 hash)
    {
        Span<byte> stored = stackalloc byte[8];
        stream.ReadExactly(stored);
        if (BinaryPrimitives.ReadUInt64LittleEndian(stored) != hash.GetCurrentHashAsUInt64())
            throw Damaged(name, "fails its checksum");
    }

    public static byte[] LengthBytes(long length)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, length);
        return bytes;
    }
}
