using System.Runtime.InteropServices;

namespace FastW2V.Native;

/// <summary>The options struct of include/fastw2v.h (same field order and types).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct NativeOptions
{
    public int Cbow, Size, Window, Negative, Hs, Iter, MinCount, Threads;
    public float Sample, Alpha; // alpha 0: word2vec.c's default for the architecture
    public ulong Seed;
}
