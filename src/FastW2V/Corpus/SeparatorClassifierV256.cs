using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastW2V.Corpus;

internal struct SeparatorClassifierV256 : ISeparatorClassifier
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Classify(ref byte block, out ulong separators, out ulong newlines)
    {
        Half(ref block, out uint sLo, out uint nLo);
        Half(ref Unsafe.Add(ref block, 32), out uint sHi, out uint nHi);
        separators = sLo | ((ulong)sHi << 32);
        newlines = nLo | ((ulong)nHi << 32);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Half(ref byte p, out uint separators, out uint newlines)
    {
        var v = Vector256.LoadUnsafe(ref p);
        var nl = Vector256.Equals(v, Vector256.Create((byte)'\n'));
        var sep = Vector256.Equals(v, Vector256.Create((byte)' '))
                  | nl
                  | Vector256.Equals(v, Vector256.Create((byte)'\t'))
                  | Vector256.Equals(v, Vector256.Create((byte)'\r'));
        separators = sep.ExtractMostSignificantBits();
        newlines = nl.ExtractMostSignificantBits();
    }
}
