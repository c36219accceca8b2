using System.Runtime.CompilerServices;
using System.Text;

namespace FastW2V.Corpus;

/// <summary>
/// word2vec.c's tokenisation rules, in one place. Words are separated by space, tab and newline; a
/// newline ends a sentence and counts as the token <c>&lt;/s&gt;</c>. Words are byte strings (UTF-8
/// kept exactly as given). Differences from word2vec.c, deliberately:
/// <list type="bullet">
/// <item>CR is a separator (word2vec.c drops it, which only differs for a CR inside a word).</item>
/// <item>Words longer than <see cref="MaxWordBytes"/> bytes keep their first 100 bytes, cut back to a
/// UTF-8 character boundary (word2vec.c keeps 98 bytes plus the word's last byte, which can split a
/// character).</item>
/// <item>The last word of a file that does not end in a newline is counted (word2vec.c drops it).</item>
/// </list>
/// </summary>
internal static class Tokenization
{
    public const int MaxWordBytes = 100;
    public const string SentenceEnd = "</s>";
    internal static ReadOnlySpan<byte> SentenceEndUtf8 => "</s>"u8;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsSeparator(byte b) => b == (byte)' ' || b == (byte)'\n' || b == (byte)'\t' || b == (byte)'\r';

    /// <summary>Length of the word once truncated to at most 100 bytes without splitting a character.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int TruncatedLength(ReadOnlySpan<byte> word)
    {
        if (word.Length <= MaxWordBytes) return word.Length;
        int n = MaxWordBytes;
        // A continuation byte (10xxxxxx) at the cut means the cut is inside a character: back off.
        while (n > 0 && (word[n] & 0xC0) == 0x80) n--;
        return n;
    }

    /// <summary>Splits text into tokens by the rules above (slow reference, for tests and small inputs).</summary>
    public static List<string> SplitReference(ReadOnlySpan<byte> text)
    {
        var tokens = new List<string>();
        int i = 0;
        while (i < text.Length)
        {
            byte b = text[i];
            if (IsSeparator(b))
            {
                if (b == (byte)'\n') tokens.Add(SentenceEnd);
                i++;
                continue;
            }
            int start = i;
            while (i < text.Length && !IsSeparator(text[i])) i++;
            var word = text[start..i];
            tokens.Add(Encoding.UTF8.GetString(word[..TruncatedLength(word)]));
        }
        return tokens;
    }
}
