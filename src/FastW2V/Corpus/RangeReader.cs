using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace FastW2V.Corpus;

/// <summary>
/// Reads a byte range of a file (pread, see <see cref="ShardStream"/>) in pieces that end on UTF-8
/// character boundaries, so each piece can be validated on its own, whatever the tokenizer does with
/// words cut between pieces.
/// </summary>
internal static unsafe class RangeReader
{
    public const int PieceBytes = 4 << 20;

    /// <param name="piece">Called with each piece and its offset in the file.</param>
    /// <param name="validate">Reject NUL bytes (and invalid UTF-8 when <paramref name="checkUtf8"/>), as training
    /// does.</param>
    public static void Read(SafeFileHandle file, long start, long end, string name, bool validate, bool checkUtf8,
        ReadOnlySpanAction<byte, long> piece, byte[]? buffer = null)
    {
        buffer ??= GC.AllocateUninitializedArray<byte>(PieceBytes + 4, pinned: true);
        using var stream = new ShardStream(file, start, end - start, name);
        int carried = 0;
        long offset = start; // file offset of buffer[0]
        fixed (byte* b = buffer)
        {
            while (true)
            {
                int read =
                    stream.ReadAtLeast(buffer.AsSpan(carried, PieceBytes), PieceBytes, throwOnEndOfStream: false);
                int filled = carried + read;
                bool last = read < PieceBytes;
                int cut = last ? filled : CharacterBoundary(buffer.AsSpan(0, filled));
                if (validate) TextValidation.Check(b, cut, offset, name, checkUtf8);
                piece(buffer.AsSpan(0, cut), offset);
                if (last) return;
                buffer.AsSpan(cut, filled - cut).CopyTo(buffer);
                carried = filled - cut;
                offset += cut;
            }
        }
    }

    /// <summary>Where a piece may end: after its last byte when that is ASCII, else before the last character's first
    /// byte.</summary>
    private static int CharacterBoundary(ReadOnlySpan<byte> bytes)
    {
        int i = bytes.Length - 1;
        if (i < 0 || bytes[i] < 0x80) return bytes.Length;
        while (i > 0 && i > bytes.Length - 4 && (bytes[i] & 0xC0) == 0x80) i--;
        return i;
    }
}
