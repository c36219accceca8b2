using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;
using FastW2V.Storage;

namespace FastW2V.Training;

/// <summary>
/// Lays a checkpoint out as <see cref="CheckpointFile"/> describes: the magic and version, then each section
/// framed by its length and followed by the XxHash64 of length and payload, so that a reader can tell which
/// section a damaged byte is in before it trusts any field of it.
/// </summary>
internal static class CheckpointWriter
{
    public static void Write(Stream stream, CheckpointFile header, TrainingState state, WordVectorModel model)
    {
        var buffered = new BufferedStream(stream, 1 << 20);
        buffered.Write(CheckpointFile.Magic);
        Span<byte> version = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(version, CheckpointFile.Version);
        buffered.Write(version);
        Section(buffered, w => CheckpointLayout.WriteHeader(w, header));
        Section(buffered, w => CheckpointLayout.WriteVocabulary(w, header.Vocabulary));
        Section(buffered, w => CheckpointLayout.WriteState(w, state));
        foreach (var m in CheckpointFile.Matrices(model)) Matrix(buffered, m);
        buffered.Flush();
    }

    private static void Section(Stream stream, Action<BinaryWriter> write)
    {
        using var payload = new MemoryStream();
        using (var w = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true)) write(w);
        var bytes = payload.GetBuffer().AsSpan(0, (int)payload.Length);
        var hash = new XxHash64();
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(length, bytes.Length);
        hash.Append(length);
        hash.Append(bytes);
        stream.Write(length);
        stream.Write(bytes);
        WriteHash(stream, hash);
    }

    /// <summary>A matrix section: rows, columns, then the rows without their padding; hashed as it is written
    /// (a model can be gigabytes: no copy).</summary>
    private static void Matrix(Stream stream, EmbeddingMatrix m)
    {
        Span<byte> head = stackalloc byte[16];
        BinaryPrimitives.WriteInt64LittleEndian(head, CheckpointFile.MatrixSectionLength(m.Rows, m.Dimension));
        BinaryPrimitives.WriteInt32LittleEndian(head[8..], m.Rows);
        BinaryPrimitives.WriteInt32LittleEndian(head[12..], m.Dimension);
        var hash = new XxHash64();
        hash.Append(head);
        stream.Write(head);
        for (int row = 0; row < m.Rows; row++)
        {
            var bytes = MemoryMarshal.AsBytes(m.RowSpan(row));
            hash.Append(bytes);
            stream.Write(bytes);
        }
        WriteHash(stream, hash);
    }

    private static void WriteHash(Stream stream, XxHash64 hash)
    {
        Span<byte> value = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(value, hash.GetCurrentHashAsUInt64());
        stream.Write(value);
    }
}
