using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using FastW2V.Training.Losses;

namespace FastW2V.Training.Batched;

/// <summary>
/// A CBOW batch's shared negatives (label 0, each step times how often it was drawn): every hidden row
/// scores every negative, except that a negative equal to a centre's own word is no negative for that
/// centre (word2vec.c skips such a draw), so that cell is masked out.
/// </summary>
internal readonly unsafe struct MaskedNegativeTargets(TableSigmoidPolicy sigmoid, int* negatives, int* multiplicity,
    int count, int* centres, float alpha, bool withLoss) : IWindowTargets
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
    public Vector256<float> Steps8(int t, int chunk, Vector256<float> scores, Vector256<float> valid,
        ref Vector256<float> loss)
    {
        var own = Vector256.Equals(Vector256.Create(negatives[t]), Vector256.Load(centres + chunk)).AsSingle();
        return sigmoid.Steps8(scores, default, alpha * multiplicity[t], Vector256.AndNot(valid, own), withLoss,
            multiplicity[t], ref loss);
    }
}
