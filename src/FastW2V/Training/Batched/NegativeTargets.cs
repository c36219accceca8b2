using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using FastW2V.Training.Losses;

namespace FastW2V.Training.Batched;

/// <summary>
/// Skip-gram's negative sampling: the centre word first (label 1), then the window's shared negatives
/// (label 0), each step times how often that negative was drawn.
/// </summary>
internal readonly unsafe struct NegativeTargets(TableSigmoidPolicy sigmoid, int* targets, int* multiplicity, int count,
    float alpha, bool withLoss)
    : IWindowTargets
{
    public int Count => count;
    public int Target(int t) => targets[t];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Step(int t, int b, float score, ref float loss)
    {
        float targetLoss = 0, g = sigmoid.Step(score, t == 0, alpha * multiplicity[t], ref targetLoss);
        loss += targetLoss * multiplicity[t];
        return g;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Steps8(int t, int chunk, Vector256<float> scores, Vector256<float> valid,
        ref Vector256<float> loss) =>
        sigmoid.Steps8(scores, t == 0 ? Vector256<float>.AllBitsSet : default, alpha * multiplicity[t], valid, withLoss,
            multiplicity[t], ref loss);
}
