using System.Runtime.CompilerServices;

namespace FastW2V.Corpus;

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
