using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using FastW2V.Training.Losses;

namespace FastW2V.Training.Batched;

/// <summary>
/// Skip-gram's hierarchical softmax: the inner nodes on the centre word's Huffman path, label 1 − code,
/// nodes scoring outside the table skipped as word2vec.c does.
/// </summary>
internal readonly unsafe struct PathTargets(TableSigmoidPolicy sigmoid, int* points, byte* codes, int count,
    float alpha, bool withLoss)
    : IWindowTargets
{
    public int Count => count;
    public int Target(int t) => points[t];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Step(int t, int b, float score, ref float loss)
    {
        sigmoid.TreeStep(score, codes[t] == 0, alpha, ref loss, out float g);
        return g;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Steps8(int t, int chunk, Vector256<float> scores, Vector256<float> valid,
        ref Vector256<float> loss) =>
        sigmoid.TreeSteps8(scores, codes[t] == 0 ? Vector256<float>.AllBitsSet : default, alpha, valid, withLoss,
            ref loss);
}
