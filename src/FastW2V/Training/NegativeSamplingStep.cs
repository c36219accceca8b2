using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using FastW2V.Kernels;
using FastW2V.Sampling;
using FastW2V.Training.Losses;

namespace FastW2V.Training;

/// <summary>
/// One negative-sampling update of a hidden vector h against the word it must predict. With
/// s = σ(u_oᵀh), the loss is J = −log σ(u_oᵀh) − Σ_k log σ(−u_kᵀh); the step applies
/// ∂J/∂u_o = (s − 1)h and ∂J/∂u_k = σ(u_kᵀh)h to the output rows and accumulates
/// ∂J/∂h = (s − 1)u_o + Σ_k σ(u_kᵀh)u_k (times −alpha) into <c>gradient</c>, which the caller applies
/// to the input rows. The K negatives are drawn first and their rows prefetched, so the memory
/// latency of the K + 1 random rows overlaps instead of adding up.
/// </summary>
internal readonly unsafe struct NegativeSamplingStep
{
    public readonly float* Output;
    public readonly int Stride;
    public readonly int Negative;
    public readonly int VocabularySize;
    public readonly float* Sigmoid;
    public readonly float* LogSigmoid;
    public readonly float* LogSigmoidOfNegative;
    public readonly TableSigmoid Sigmoids;
    public readonly AliasTable? Alias;
    public readonly int* Table;

    public NegativeSamplingStep(WordVectorModel model, int negative, SigmoidTable sigmoid, AliasTable? alias, UnigramTable? table)
    {
        Output = model.Output.Data;
        Stride = model.Output.Stride;
        Negative = negative;
        VocabularySize = model.Words;
        Sigmoid = sigmoid.Sigmoid;
        LogSigmoid = sigmoid.LogSigmoid;
        LogSigmoidOfNegative = sigmoid.LogSigmoidOfNegative;
        Sigmoids = new TableSigmoid(sigmoid);
        Alias = alias;
        Table = table != null ? table.Entries : null;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Draw(ref FastRandom rng)
    {
        uint r = rng.Next();
        int t = Table != null ? Table[r >> (32 - UnigramTable.Bits)] : Alias!.Draw(r);
        // word2vec.c: </s> drawn as a negative is replaced by a uniformly random word.
        return t != 0 ? t : (int)rng.NextBelow((uint)VocabularySize - 1) + 1;
    }

    /// <summary>Draws the targets: the positive word first, then the negatives (a draw of the positive itself is skipped).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int DrawTargets(int positive, int* targets, ref NegativeStream negatives)
    {
        targets[0] = positive;
        int n = 1;
        for (int d = 0; d < Negative; d++)
        {
            int t = negatives.Next(in this);
            if (t == positive) continue;
            targets[n++] = t;
            EmbeddingMatrix.PrefetchRow(Output + (long)t * Stride, Stride);
        }
        return n;
    }

    /// <summary>
    /// The shared targets of a HogBatch window: the positive word first, then the distinct negatives
    /// with how often each was drawn (a draw of the positive itself is skipped). The caller prefetches the rows.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int DrawSharedTargets(int positive, int* targets, int* multiplicity, ref NegativeStream negatives)
    {
        targets[0] = positive;
        multiplicity[0] = 1;
        int n = 1;
        for (int d = 0; d < Negative; d++)
        {
            int t = negatives.Next(in this);
            if (t == positive) continue;
            int k = 1;
            while (k < n && targets[k] != t) k++;
            if (k < n) { multiplicity[k]++; continue; }
            targets[n] = t;
            multiplicity[n++] = 1;
        }
        return n;
    }

    /// <summary>The step size g = (label − σ(f))·alpha and the loss, from word2vec.c's table (<see cref="TableSigmoid.Step"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Gradient(float f, bool positive, float alpha, ref float loss) => Sigmoids.Step(f, positive, alpha, ref loss);

    /// <summary>
    /// <see cref="Gradient"/> for 8 scores at once (AVX2 gathers from the same tables, the same clipping
    /// and the same index arithmetic, so each lane equals the scalar result). Lanes outside
    /// <paramref name="valid"/> add no loss.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Steps8(Vector256<float> f, bool positive, float alpha, Vector256<float> valid, ref Vector256<float> loss)
    {
        var max = Vector256.Create(SigmoidTable.MaxExp);
        var above = Vector256.GreaterThan(f, max);
        var inside = Vector256.AndNot(Vector256.GreaterThanOrEqual(f, -max), above); // NaN: neither
        var index = Avx.ConvertToVector256Int32WithTruncation((f + max) * Vector256.Create(SigmoidTable.Scale));
        index = Vector256.Min(Vector256.Max(index, Vector256<int>.Zero), Vector256.Create(SigmoidTable.Size));
        var sigmoid = Avx2.GatherVector256(Sigmoid, index, sizeof(float));
        sigmoid = Vector256.ConditionalSelect(inside, sigmoid, above & Vector256<float>.One);
        var logs = Avx2.GatherVector256(positive ? LogSigmoid : LogSigmoidOfNegative, index, sizeof(float));
        // Outside the table: a positive costs −f below it, a negative costs f above it (−log σ(±f) ≈ ∓f).
        var clipped = positive ? Vector256.AndNot(-f, above) : above & f;
        loss += valid & Vector256.ConditionalSelect(inside, -logs, clipped);
        return ((positive ? Vector256<float>.One : Vector256<float>.Zero) - sigmoid) * alpha;
    }

    /// <summary>
    /// <see cref="TableSigmoid.TreeStep"/> for 8 scores at once: word2vec.c's hierarchical softmax leaves a
    /// node alone when its score is outside (−6, 6); the skipped loss is |f| on the wrong side.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> TreeSteps8(Vector256<float> f, bool positive, float alpha, Vector256<float> valid, ref Vector256<float> loss)
    {
        var max = Vector256.Create(SigmoidTable.MaxExp);
        var inside = Vector256.GreaterThan(f, -max) & Vector256.LessThan(f, max); // NaN: outside
        var index = Avx.ConvertToVector256Int32WithTruncation((f + max) * Vector256.Create(SigmoidTable.Scale));
        index = Vector256.Min(Vector256.Max(index, Vector256<int>.Zero), Vector256.Create(SigmoidTable.Size));
        var sigmoid = Avx2.GatherVector256(Sigmoid, index, sizeof(float));
        var logs = Avx2.GatherVector256(positive ? LogSigmoid : LogSigmoidOfNegative, index, sizeof(float));
        var wrongSide = positive ? Vector256.LessThan(f, Vector256<float>.Zero) : Vector256.GreaterThan(f, Vector256<float>.Zero);
        loss += valid & Vector256.ConditionalSelect(inside, -logs, wrongSide & Vector256.Abs(f));
        return inside & (((positive ? Vector256<float>.One : Vector256<float>.Zero) - sigmoid) * alpha);
    }

    /// <summary>Updates the output rows of the targets (<see cref="NegativeSamplingLoss"/>); returns the loss.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Apply<TKernels>(float* hidden, float* gradient, int* targets, int count, float alpha)
        where TKernels : struct, IVectorKernels =>
        NegativeSamplingLoss.Apply<float, TKernels, TableSigmoid>(Output, Stride, hidden, gradient, targets, count, alpha, in Sigmoids);
}
