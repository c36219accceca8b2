using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using FastW2V.Training.Losses;

namespace FastW2V.Training.Batched;

/// <summary>
/// The output side of a batched update, as a type argument (so the loss is chosen at compile time, not by
/// a null pointer): which rows are the targets, and how a score becomes a step at cell (target t,
/// input row b), one cell at a time (<see cref="Step"/>, for the level-1 loop kernels) or 8 input rows at
/// a time (<see cref="Steps8"/>, lanes chunk … chunk + 7, for the blocked kernels). Both read
/// word2vec.c's sigmoid table at the same index, so they give the same steps.
/// </summary>
internal interface IWindowTargets
{
    int Count { get; }
    int Target(int t);
    float Step(int t, int b, float score, ref float loss);
    Vector256<float> Steps8(int t, int chunk, Vector256<float> scores, Vector256<float> valid, ref Vector256<float> loss);
}

/// <summary>
/// Skip-gram's negative sampling: the centre word first (label 1), then the window's shared negatives
/// (label 0), each step times how often that negative was drawn.
/// </summary>
internal readonly unsafe struct NegativeTargets(TableSigmoidPolicy sigmoid, int* targets, int* multiplicity, int count, float alpha, bool withLoss)
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
    public Vector256<float> Steps8(int t, int chunk, Vector256<float> scores, Vector256<float> valid, ref Vector256<float> loss) =>
        sigmoid.Steps8(scores, t == 0 ? Vector256<float>.AllBitsSet : default, alpha * multiplicity[t], valid, withLoss, multiplicity[t], ref loss);
}

/// <summary>
/// Skip-gram's hierarchical softmax: the inner nodes on the centre word's Huffman path, label 1 − code,
/// nodes scoring outside the table skipped as word2vec.c does.
/// </summary>
internal readonly unsafe struct PathTargets(TableSigmoidPolicy sigmoid, int* points, byte* codes, int count, float alpha, bool withLoss)
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
    public Vector256<float> Steps8(int t, int chunk, Vector256<float> scores, Vector256<float> valid, ref Vector256<float> loss) =>
        sigmoid.TreeSteps8(scores, codes[t] == 0 ? Vector256<float>.AllBitsSet : default, alpha, valid, withLoss, ref loss);
}
