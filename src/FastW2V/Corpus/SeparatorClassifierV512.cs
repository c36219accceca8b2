using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastW2V.Corpus;

internal struct SeparatorClassifierV512 : ISeparatorClassifier
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Classify(ref byte block, out ulong separators, out ulong newlines)
    {
        var v = Vector512.LoadUnsafe(ref block);
        var nl = Vector512.Equals(v, Vector512.Create((byte)'\n'));
        // Space (32) or tab/LF/CR (9, 10, 13): one compare for space, one table-free range check below.
        var sep = Vector512.Equals(v, Vector512.Create((byte)' '))
                  | nl
                  | Vector512.Equals(v, Vector512.Create((byte)'\t'))
                  | Vector512.Equals(v, Vector512.Create((byte)'\r'));
        separators = sep.ExtractMostSignificantBits();
        newlines = nl.ExtractMostSignificantBits();
    }
}
