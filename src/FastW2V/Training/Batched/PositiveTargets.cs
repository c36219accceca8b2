using FastW2V.Kernels.Update;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using FastW2V.Training.Losses;

namespace FastW2V.Training.Batched;

/// <summary>
/// A CBOW batch's own words, one per hidden row (label 1): the diagonal of the batch's score matrix,
/// trained by <see cref="IUpdateKernels.TrainDiagonal"/> (cell (b, b) only; t is b).
/// </summary>
internal readonly unsafe struct PositiveTargets(TableSigmoidPolicy sigmoid, int* words, int count, float alpha,
    bool withLoss) : IWindowTargets
{
    public int Count => count;
    public int Target(int t) => words[t];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Step(int t, int b, float score, ref float loss) => sigmoid.Step(score, true, alpha, ref loss);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Steps8(int t, int chunk, Vector256<float> scores, Vector256<float> valid,
        ref Vector256<float> loss) =>
        sigmoid.Steps8(scores, Vector256<float>.AllBitsSet, alpha, valid, withLoss, 1f, ref loss);
}
