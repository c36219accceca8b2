using System.Runtime.InteropServices;

namespace FastW2V.Native;

/// <summary>One answer of a query: a word (valid until the vectors are freed) and its cosine.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct NativeNeighbour
{
    public nint Word;
    public float Similarity;
}
