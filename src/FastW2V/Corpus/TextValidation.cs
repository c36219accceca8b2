using System.Text;
using System.Text.Unicode;

namespace FastW2V.Corpus;

/// <summary>
/// Rejects input that is not UTF-8 text before it is counted: a NUL byte (binary data) or an invalid
/// UTF-8 sequence ends the run with the byte offset, instead of training on garbage. Both checks are
/// vectorised in the BCL and run at memory speed on ASCII text.
/// </summary>
internal static unsafe class TextValidation
{
    public static void Check(byte* text, long length, long fileOffset, string source, bool checkUtf8)
    {
        const int Chunk = 1 << 30;
        for (long done = 0; done < length; done += Chunk)
        {
            var span = new ReadOnlySpan<byte>(text + done, (int)Math.Min(Chunk, length - done));
            int nul = span.IndexOf((byte)0);
            if (nul >= 0)
                throw new FastW2VException($"{source}: byte {fileOffset + done + nul} is NUL: this is not a text corpus.");
            if (checkUtf8 && !Utf8.IsValid(span))
                throw new FastW2VException($"{source}: invalid UTF-8 at byte {fileOffset + done + FirstInvalid(span)} (corpora must be UTF-8; --no-utf8-check takes bytes as they are).");
        }
    }

    private static long FirstInvalid(ReadOnlySpan<byte> span)
    {
        int i = 0;
        while (i < span.Length)
        {
            if (Rune.DecodeFromUtf8(span[i..], out _, out int used) != System.Buffers.OperationStatus.Done) return i;
            i += used;
        }
        return span.Length;
    }
}
