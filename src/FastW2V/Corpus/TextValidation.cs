using System.Text;
using System.Text.Unicode;

namespace FastW2V.Corpus;

/// <summary>
/// Rejects input that is not UTF-8 text before it is counted: a NUL byte (binary data) or an invalid
/// UTF-8 sequence ends the run with the byte offset, instead of training on garbage. Both checks are
/// vectorised in the BCL; ASCII text is checked in one pass at memory speed.
/// </summary>
internal static unsafe class TextValidation
{
    /// <param name="chunk">Bytes checked at a time (spans hold at most 2^31 bytes; a shard of a large corpus holds
    /// more).</param>
    public static void Check(byte* text, long length, long fileOffset, string source, bool checkUtf8,
        int chunk = 1 << 30)
    {
        for (long start = 0, end; start < length; start = end)
        {
            end = Math.Min(length, start + chunk);
            // A chunk ends before a character, never inside one (a UTF-8 continuation byte is 10xxxxxx).
            while (end < length && end > start && (text[end] & 0xC0) == 0x80) end--;
            long done = start;
            var all = new ReadOnlySpan<byte>(text + start, (int)(end - start));
            // One pass finds the first byte that is not ASCII other than NUL (1–127); on ASCII text
            // (most corpora) that is the whole check. From there on, the NUL and UTF-8 checks.
            int from = all.IndexOfAnyExceptInRange((byte)1, (byte)0x7F);
            if (from < 0) continue;
            var span = all[from..];
            done += from;
            int nul = span.IndexOf((byte)0);
            if (nul >= 0)
                throw new FastW2VException($"{source}: byte {fileOffset + done + nul} is NUL: " +
                    "this is not a text corpus.");
            if (checkUtf8 && !Utf8.IsValid(span))
            {
                long at = fileOffset + done + FirstInvalid(span);
                throw new FastW2VException($"{source}: invalid UTF-8 at byte {at} " +
                    "(corpora must be UTF-8; --no-utf8-check takes bytes as they are).");
            }
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
