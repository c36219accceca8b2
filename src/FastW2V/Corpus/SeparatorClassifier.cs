using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastW2V.Corpus;

/// <summary>
/// Classifies a 64-byte block of text: one bit per byte for "separator" (space, tab, newline, CR) and
/// one for "newline". The scanner works on these masks, so the cost per word is a few bit operations
/// however short the words are (text8 words average 5 bytes, which makes IndexOfAny's per-call
/// overhead dominate). One implementation per instruction set, chosen by <see cref="Kernels.InstructionSet"/>.
/// </summary>
internal interface ISeparatorClassifier
{
    static abstract void Classify(ref byte block, out ulong separators, out ulong newlines);
}

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

internal struct SeparatorClassifierScalar : ISeparatorClassifier
{
    public static void Classify(ref byte block, out ulong separators, out ulong newlines)
    {
        ulong s = 0, n = 0;
        for (int i = 0; i < 64; i++)
        {
            byte b = Unsafe.Add(ref block, i);
            if (b == (byte)'\n') n |= 1UL << i;
            if (Tokenization.IsSeparator(b)) s |= 1UL << i;
        }
        separators = s;
        newlines = n;
    }
}
