using FastW2V.Kernels.Update;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using FastW2V.Training.Losses;

namespace FastW2V.Training.Batched;

/// <summary>
/// A CBOW batch's own words, one per hidden row (label 1): the diagonal of the batch's score matrix,
/// trained by <see cref="IUpdateKernels.TrainDiagonal"/> (cell (b, b) only; t is b).
/// </summary>
internal readonly unsafe struct PositiveTargets(TableSigmoidPolicy sigmoid, int* words, int count, float alpha, bool withLoss) : IWindowTargets
{
    public int Count => count;
    public int Target(int t) => words[t];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Step(int t, int b, float score, ref float loss) => sigmoid.Step(score, true, alpha, ref loss);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Steps8(int t, int chunk, Vector256<float> scores, Vector256<float> valid, ref Vector256<float> loss) =>
        sigmoid.Steps8(scores, Vector256<float>.AllBitsSet, alpha, valid, withLoss, 1f, ref loss);
}

/// <summary>
/// A CBOW batch's shared negatives (label 0, each step times how often it was drawn): every hidden row
/// scores every negative, except that a negative equal to a centre's own word is no negative for that
/// centre (word2vec.c skips such a draw), so that cell is masked out.
/// </summary>
internal readonly unsafe struct MaskedNegativeTargets(TableSigmoidPolicy sigmoid, int* negatives, int* multiplicity, int count, int* centres,
    float alpha, bool withLoss) : IWindowTargets
{
    public int Count => count;
    public int Target(int t) => negatives[t];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Step(int t, int b, float score, ref float loss)
    {
        if (negatives[t] == centres[b]) return 0;
        float cellLoss = 0, g = sigmoid.Step(score, false, alpha * multiplicity[t], ref cellLoss);
        loss += cellLoss * multiplicity[t];
        return g;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Steps8(int t, int chunk, Vector256<float> scores, Vector256<float> valid, ref Vector256<float> loss)
    {
        var own = Vector256.Equals(Vector256.Create(negatives[t]), Vector256.Load(centres + chunk)).AsSingle();
        return sigmoid.Steps8(scores, default, alpha * multiplicity[t], Vector256.AndNot(valid, own), withLoss, multiplicity[t], ref loss);
    }
}

/// <summary>
/// The union of a CBOW batch's Huffman paths (<see cref="PathUnion"/>): node t's cell for hidden row b
/// is on b's path when its label byte is not 0, with label 1 − code for label byte 1 + code.
/// </summary>
internal readonly unsafe struct UnionPathTargets(TableSigmoidPolicy sigmoid, int* nodes, byte* labels, int columns, int count, float alpha, bool withLoss)
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
    public Vector256<float> Steps8(int t, int chunk, Vector256<float> scores, Vector256<float> valid, ref Vector256<float> loss)
    {
        var label = Avx2.ConvertToVector256Int32(labels + t * columns + chunk);
        var onPath = ~Vector256.Equals(label, Vector256<int>.Zero).AsSingle();
        var positive = Vector256.Equals(label, Vector256<int>.One).AsSingle();
        return sigmoid.TreeSteps8(scores, positive, alpha, valid & onPath, withLoss, ref loss);
    }
}
