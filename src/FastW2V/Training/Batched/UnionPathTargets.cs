using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using FastW2V.Training.Losses;

namespace FastW2V.Training.Batched;

/// <summary>
/// The union of a CBOW batch's Huffman paths (<see cref="PathUnion"/>): node t's cell for hidden row b
/// is on b's path when its label byte is not 0, with label 1 − code for label byte 1 + code.
/// </summary>
internal readonly unsafe struct UnionPathTargets(TableSigmoidPolicy sigmoid, int* nodes, byte* labels, int columns,
    int count, float alpha, bool withLoss)
    : IWindowTargets
{
    public int Count => count;
    public int Target(int t) => nodes[t];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Step(int t, int b, float score, ref float loss)
    {
        byte label = labels[t * columns + b];
        if (label == 0) return 0;
        sigmoid.TreeStep(score, label == 1, alpha, ref loss, out float g);
        return g;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Steps8(int t, int chunk, Vector256<float> scores, Vector256<float> valid,
        ref Vector256<float> loss)
    {
        var label = Avx2.ConvertToVector256Int32(labels + t * columns + chunk);
        var onPath = ~Vector256.Equals(label, Vector256<int>.Zero).AsSingle();
        var positive = Vector256.Equals(label, Vector256<int>.One).AsSingle();
        return sigmoid.TreeSteps8(scores, positive, alpha, valid & onPath, withLoss, ref loss);
    }
}
