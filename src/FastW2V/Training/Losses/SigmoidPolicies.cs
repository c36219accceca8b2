using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using FastW2V.Kernels;

namespace FastW2V.Training.Losses;

/// <summary>
/// How a sigmoid loss turns a score f into a step: word2vec.c's clipped table in training (float), the
/// exact function in the gradient checks (double). The losses are generic over this policy, so the
/// checks run the trainer's own loss code.
/// </summary>
public interface ISigmoidPolicy<T> where T : unmanaged
{
    /// <summary>
    /// Negative sampling's step g = (label − σ(f))·alpha (label 1 for the positive target), adding
    /// −log σ(±f) to <paramref name="loss"/>.
    /// </summary>
    T Step(T f, bool positive, T alpha, ref T loss);

    /// <summary>
    /// Hierarchical softmax's step at one inner node, the same formula; false when the node is skipped
    /// (word2vec.c skips scores outside its table's range).
    /// </summary>
    bool TreeStep(T f, bool positive, T alpha, ref T loss, out T g);
}

/// <summary>word2vec.c's sigmoid: a 1000-point table on [−6, 6], clipped outside (as its training does).</summary>
public readonly unsafe struct TableSigmoid(SigmoidTable table) : ISigmoidPolicy<float>
{
    private readonly float* _sigmoid = table.Sigmoid;
    private readonly float* _logSigmoid = table.LogSigmoid;
    private readonly float* _logSigmoidOfNegative = table.LogSigmoidOfNegative;

    /// <summary>
    /// Outside the table σ is taken as exactly 0 or 1, as word2vec.c's negative sampling does. The
    /// comparisons are ordered so that a NaN score (diverged training) takes a clipped branch and never
    /// indexes the table.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Step(float f, bool positive, float alpha, ref float loss)
    {
        if (f > SigmoidTable.MaxExp)
        {
            // σ(f) ≈ 1: a positive is right (no step, no loss); a negative costs −log σ(−f) ≈ f.
            if (positive) return 0f;
            loss += f;
            return -alpha;
        }
        if (f >= -SigmoidTable.MaxExp)
        {
            int i = SigmoidTable.Index(f);
            loss -= positive ? _logSigmoid[i] : _logSigmoidOfNegative[i];
            return ((positive ? 1f : 0f) - _sigmoid[i]) * alpha;
        }
        // σ(f) ≈ 0 (or f is NaN): a negative is right; a positive costs −log σ(f) ≈ −f.
        if (!positive) return 0f;
        loss -= f;
        return alpha;
    }

    /// <summary>word2vec.c's hierarchical softmax leaves a node alone when its score is outside (−6, 6).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TreeStep(float f, bool positive, float alpha, ref float loss, out float g)
    {
        if (f > -SigmoidTable.MaxExp && f < SigmoidTable.MaxExp)
        {
            int i = SigmoidTable.Index(f);
            loss -= positive ? _logSigmoid[i] : _logSigmoidOfNegative[i];
            g = ((positive ? 1f : 0f) - _sigmoid[i]) * alpha;
            return true;
        }
        // Skipped; its loss is about max(0, ∓f) (NaN adds NaN, which the divergence check sees).
        if (!(f > 0 == positive)) loss += MathF.Abs(f);
        g = 0;
        return false;
    }

    /// <summary>
    /// <see cref="Step"/> for 8 scores at once (AVX2 gathers from the same tables, the same clipping and
    /// the same index arithmetic, so each lane equals the scalar result). Lanes outside
    /// <paramref name="valid"/> add no loss.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Steps8(Vector256<float> f, bool positive, float alpha, Vector256<float> valid, ref Vector256<float> loss)
    {
        var max = Vector256.Create(SigmoidTable.MaxExp);
        var above = Vector256.GreaterThan(f, max);
        var inside = Vector256.AndNot(Vector256.GreaterThanOrEqual(f, -max), above); // NaN: neither
        var sigmoid = Lookup8(f, positive, out var logs);
        sigmoid = Vector256.ConditionalSelect(inside, sigmoid, above & Vector256<float>.One);
        // Outside the table: a positive costs −f below it, a negative costs f above it (−log σ(±f) ≈ ∓f).
        var clipped = positive ? Vector256.AndNot(-f, above) : above & f;
        loss += valid & Vector256.ConditionalSelect(inside, -logs, clipped);
        return ((positive ? Vector256<float>.One : Vector256<float>.Zero) - sigmoid) * alpha;
    }

    /// <summary>
    /// <see cref="TreeStep"/> for 8 scores at once: a node scoring outside (−6, 6) gets no step; its
    /// loss is |f| on the wrong side.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> TreeSteps8(Vector256<float> f, bool positive, float alpha, Vector256<float> valid, ref Vector256<float> loss)
    {
        var max = Vector256.Create(SigmoidTable.MaxExp);
        var inside = Vector256.GreaterThan(f, -max) & Vector256.LessThan(f, max); // NaN: outside
        var sigmoid = Lookup8(f, positive, out var logs);
        var wrongSide = positive ? Vector256.LessThan(f, Vector256<float>.Zero) : Vector256.GreaterThan(f, Vector256<float>.Zero);
        loss += valid & Vector256.ConditionalSelect(inside, -logs, wrongSide & Vector256.Abs(f));
        return inside & (((positive ? Vector256<float>.One : Vector256<float>.Zero) - sigmoid) * alpha);
    }

    /// <summary>σ and log σ(±f) of 8 scores from the tables, at <see cref="SigmoidTable.Index"/>'s index clamped to the table.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector256<float> Lookup8(Vector256<float> f, bool positive, out Vector256<float> logs)
    {
        var index = Avx.ConvertToVector256Int32WithTruncation((f + Vector256.Create(SigmoidTable.MaxExp)) * Vector256.Create(SigmoidTable.Scale));
        index = Vector256.Min(Vector256.Max(index, Vector256<int>.Zero), Vector256.Create(SigmoidTable.Size));
        logs = Avx2.GatherVector256(positive ? _logSigmoid : _logSigmoidOfNegative, index, sizeof(float));
        return Avx2.GatherVector256(_sigmoid, index, sizeof(float));
    }
}

/// <summary>The exact sigmoid, never clipped, with a stable log: the reference of the gradient checks.</summary>
public readonly struct ExactSigmoid<T> : ISigmoidPolicy<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>σ(x) = 1 / (1 + e^−x).</summary>
    public static T Sigmoid(T x) => T.One / (T.One + T.Exp(-x));

    /// <summary>−log σ(x) = log(1 + e^−x), computed without overflow for any x.</summary>
    public static T NegativeLogSigmoid(T x) => T.Max(-x, T.Zero) + T.Log(T.One + T.Exp(-T.Abs(x)));

    public T Step(T f, bool positive, T alpha, ref T loss)
    {
        loss += NegativeLogSigmoid(positive ? f : -f);
        return ((positive ? T.One : T.Zero) - Sigmoid(f)) * alpha;
    }

    public bool TreeStep(T f, bool positive, T alpha, ref T loss, out T g)
    {
        g = Step(f, positive, alpha, ref loss);
        return true;
    }
}
