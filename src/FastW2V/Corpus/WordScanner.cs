using System.Numerics;
using System.Runtime.CompilerServices;
using FastW2V.Kernels;

namespace FastW2V.Corpus;

/// <summary>
/// The vectorised tokenizer. For each 64-byte block it gets a separator mask and a newline mask from
/// an <see cref="ISeparatorClassifier"/>, derives word starts (non-separator after separator) and
/// word ends (separator after non-separator), and walks the set bits in position order. Memory use
/// is constant whatever the line length; a word may span blocks.
/// </summary>
internal static unsafe class WordScanner
{
    public static void Scan<TSink>(byte* text, long length, ref TSink sink, InstructionSet path)
        where TSink : struct, ITokenSink
    {
        switch (path)
        {
            case InstructionSet.V512: Scan<SeparatorClassifierV512, TSink>(text, length, ref sink); break;
            case InstructionSet.V256: Scan<SeparatorClassifierV256, TSink>(text, length, ref sink); break;
            default: Scan<SeparatorClassifierScalar, TSink>(text, length, ref sink); break;
        }
    }

    public static void Scan<TSink>(byte* text, long length, ref TSink sink) where TSink : struct, ITokenSink =>
        Scan(text, length, ref sink, InstructionSetSupport.Best);

    private static void Scan<TClassifier, TSink>(byte* text, long length, ref TSink sink)
        where TClassifier : struct, ISeparatorClassifier
        where TSink : struct, ITokenSink
    {
        long wordStart = 0;
        ulong previousWasSeparator = 1; // the position before the text counts as a separator
        byte* tail = stackalloc byte[64];
        for (long block = 0; block < length; block += 64)
        {
            ulong separators, newlines;
            if (length - block >= 64)
            {
                TClassifier.Classify(ref text[block], out separators, out newlines);
            }
            else
            {
                // Last partial block: pad with spaces, which also closes a word that runs to the end.
                new Span<byte>(tail, 64).Fill((byte)' ');
                new ReadOnlySpan<byte>(text + block, (int)(length - block)).CopyTo(new Span<byte>(tail, 64));
                TClassifier.Classify(ref tail[0], out separators, out newlines);
            }
            ulong afterSeparator = (separators << 1) | previousWasSeparator;
            ulong starts = ~separators & afterSeparator;
            ulong ends = separators & ~afterSeparator;
            previousWasSeparator = separators >> 63;
            ulong events = starts | ends | newlines;
            while (events != 0)
            {
                int i = BitOperations.TrailingZeroCount(events);
                events &= events - 1;
                ulong bit = 1UL << i;
                long at = block + i;
                if ((ends & bit) != 0) EmitWord(text + wordStart, at - wordStart, ref sink);
                if ((newlines & bit) != 0) sink.SentenceEnd();
                if ((starts & bit) != 0) wordStart = at;
            }
        }
        // A text whose length is a multiple of 64 and ends inside a word: the padding never closed it.
        if (previousWasSeparator == 0 && length > 0) EmitWord(text + wordStart, length - wordStart, ref sink);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void EmitWord<TSink>(byte* start, long length, ref TSink sink) where TSink : struct, ITokenSink
    {
        int n = length <= Tokenization.MaxWordBytes
            ? (int)length
            : Tokenization.TruncatedLength(new ReadOnlySpan<byte>(start, Tokenization.MaxWordBytes + 1));
        sink.Word(start, n);
    }
}
