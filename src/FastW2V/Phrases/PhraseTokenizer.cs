using System.Buffers;
using System.Runtime.CompilerServices;

namespace FastW2V.Phrases;

/// <summary>
/// word2phrase's ReadWord over a stream of byte buffers, exactly: a word ends at a space, tab or newline;
/// a carriage return is dropped wherever it is (so "ab\rcd" is one word); a word keeps its first
/// <see cref="MaxWordBytes"/> bytes; each newline is a token of its own. A word still open when the input
/// ends (no separator after the last word) is not a token: word2phrase drops it, in both of its passes.
/// Buffers may end anywhere, even inside a word: the open word is carried over.
/// </summary>
internal sealed class PhraseTokenizer
{
    /// <summary>word2phrase's MAX_STRING is 60; its ReadWord keeps 58 bytes of a longer word.</summary>
    public const int MaxWordBytes = 58;

    private static readonly SearchValues<byte> Stops = SearchValues.Create(" \t\n\r"u8);
    private readonly byte[] _open = new byte[MaxWordBytes];
    private int _openLength;

    /// <summary>A word has begun and no separator has ended it yet.</summary>
    public bool HasOpenWord => _openLength > 0;

    /// <summary>Forgets an open word (a new range of the text starts at a word boundary).</summary>
    public void Reset() => _openLength = 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Feed<TSink>(ReadOnlySpan<byte> text, ref TSink sink) where TSink : struct, IPhraseTokenSink
    {
        while (!text.IsEmpty)
        {
            int stop = text.IndexOfAny(Stops);
            if (stop < 0)
            {
                Append(text);
                return;
            }
            byte separator = text[stop];
            if (_openLength == 0 && separator != (byte)'\r')
            {
                // The common case: a whole word inside this buffer, passed on without a copy.
                if (stop > 0) sink.Word(text[..Math.Min(stop, MaxWordBytes)]);
            }
            else
            {
                Append(text[..stop]);
                if (separator != (byte)'\r' && _openLength > 0)
                {
                    sink.Word(_open.AsSpan(0, _openLength));
                    _openLength = 0;
                }
            }
            if (separator == (byte)'\n') sink.Newline();
            text = text[(stop + 1)..];
        }
    }

    private void Append(ReadOnlySpan<byte> piece)
    {
        int take = Math.Min(piece.Length, MaxWordBytes - _openLength);
        piece[..take].CopyTo(_open.AsSpan(_openLength));
        _openLength += take;
    }
}
