namespace FastW2V.Training.Losses;

/// <summary>
/// The binary Huffman tree of hierarchical softmax, built from the word counts exactly as word2vec.c's
/// CreateBinaryTree builds it (the same merge order and tie-breaking, so the same codes and points):
/// words sorted by count (vocabulary order) are leaves 0..V−1, inner node a is V + a, and a word's code
/// is its path of left/right bits from the root, its points the inner nodes (as rows 0..V−2 of the tree
/// matrix) it passes. Codes longer than word2vec.c's MAX_CODE_LENGTH (40) are refused; word2vec.c would
/// write past its arrays.
/// </summary>
internal sealed unsafe class HuffmanTree
{
    public const int MaxCodeLength = 40;
    private readonly byte[] _codes;
    private readonly int[] _points;
    private readonly byte[] _lengths;

    /// <summary>Inner nodes: rows of the tree's output matrix.</summary>
    public int InnerNodes { get; }
    public int Words { get; }

    public HuffmanTree(ReadOnlySpan<long> counts)
    {
        int v = counts.Length;
        if (v < 2) throw new FastW2VException("Hierarchical softmax needs at least two words in the vocabulary.");
        Words = v;
        InnerNodes = v - 1;
        var count = new long[2 * v + 1];
        var binary = new byte[2 * v + 1];
        var parent = new int[2 * v + 1];
        counts.CopyTo(count);
        for (int a = v; a < 2 * v; a++) count[a] = (long)1e15;
        int pos1 = v - 1, pos2 = v;
        for (int a = 0; a < v - 1; a++)
        {
            int min1 = pos1 >= 0 && count[pos1] < count[pos2] ? pos1-- : pos2++;
            int min2 = pos1 >= 0 && count[pos1] < count[pos2] ? pos1-- : pos2++;
            count[v + a] = count[min1] + count[min2];
            parent[min1] = v + a;
            parent[min2] = v + a;
            binary[min2] = 1;
        }
        _codes = GC.AllocateArray<byte>(v * MaxCodeLength, pinned: true);
        _points = GC.AllocateArray<int>(v * MaxCodeLength, pinned: true);
        _lengths = GC.AllocateArray<byte>(v, pinned: true);
        Span<byte> code = stackalloc byte[MaxCodeLength];
        Span<int> point = stackalloc int[MaxCodeLength];
        int root = 2 * v - 2;
        for (int a = 0; a < v; a++)
        {
            int length = 0;
            for (int b = a; b != root; b = parent[b])
            {
                if (length == MaxCodeLength)
                    throw new FastW2VException($"The Huffman code of word {a} is longer than {MaxCodeLength} bits (a " +
                        "degenerate count distribution); use negative sampling.");
                code[length] = binary[b];
                point[length] = b;
                length++;
            }
            _lengths[a] = (byte)length;
            // word2vec.c: point[0] = V − 2 (the root), then the path's nodes from the root down;
            // code[i] is the branch taken below point[i].
            int* points = Points(a);
            byte* codes = Codes(a);
            points[0] = v - 2;
            for (int b = 0; b < length; b++)
            {
                codes[length - b - 1] = code[b];
                if (length - b < MaxCodeLength) points[length - b] = point[b] - v;
            }
        }
    }

    public int Length(int word) => _lengths[word];
    /// <summary>The pinned arrays behind <see cref="Codes"/>, <see cref="Points"/> and <see cref="Length"/>, for the
    /// training loop.</summary>
    internal byte* CodesBase => (byte*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref _codes[0]);
    internal int* PointsBase => (int*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref _points[0]);
    internal byte* LengthsBase => (byte*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref _lengths[0]);
    public byte* Codes(int word) =>
        (byte*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref _codes[word * MaxCodeLength]);
    public int* Points(int word) =>
        (int*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref _points[word * MaxCodeLength]);
}
