using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using FastW2V.Kernels;
using Vec = System.Runtime.Intrinsics.Vector256<float>;

namespace FastW2V.Training.Losses;

/// <summary>
/// <see cref="TableSigmoid"/>'s steps for 8 scores at once, for the batched kernels: AVX2 gathers from the
/// same tables with the same clipping and index arithmetic, so each lane equals the scalar result. Labels
/// are per lane (an all-ones lane of <c>positive</c> is label 1), so one call serves a skip-gram target
/// row (all lanes alike) and a CBOW batch row (each centre its own label). Lanes outside <c>valid</c> get
/// a zero step and add no loss. The loss costs a second gather, slow on AMD before Zen 4: callers ask
/// for it (<c>withLoss</c>) only on the windows they sample for the display.
/// </summary>
public readonly unsafe partial struct TableSigmoid
{
    /// <summary>Negative sampling's step (label − σ(f))·alpha, σ clipped to 0 or 1 outside the table.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vec Steps8(Vec f, Vec positive, float alpha, Vec valid, bool withLoss, float lossWeight, ref Vec loss)
    {
        var max = Vector256.Create(SigmoidTable.MaxExp);
        var above = Vector256.GreaterThan(f, max);
        var inside = Vector256.AndNot(Vector256.GreaterThanOrEqual(f, -max), above); // NaN: neither
        var index = Index8(f);
        var sigmoid = Vector256.ConditionalSelect(inside, Avx2.GatherVector256(_sigmoid, index, sizeof(float)), above & Vec.One);
        if (withLoss)
        {
            // Outside the table: a positive costs −f below it, a negative costs f above it (−log σ(±f) ≈ ∓f).
            var clipped = Vector256.ConditionalSelect(positive, Vector256.AndNot(-f, above), above & f);
            var terms = Vector256.ConditionalSelect(inside, -LogSigmoid8(index, positive), clipped);
            loss = Vector256.FusedMultiplyAdd(valid & terms, Vector256.Create(lossWeight), loss);
        }
        return valid & (((positive & Vec.One) - sigmoid) * alpha);
    }

    /// <summary>Hierarchical softmax's step: a node scoring outside (−6, 6) gets none; its loss is |f| on the wrong side.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vec TreeSteps8(Vec f, Vec positive, float alpha, Vec valid, bool withLoss, ref Vec loss)
    {
        var max = Vector256.Create(SigmoidTable.MaxExp);
        var inside = Vector256.GreaterThan(f, -max) & Vector256.LessThan(f, max); // NaN: outside
        var index = Index8(f);
        var sigmoid = Avx2.GatherVector256(_sigmoid, index, sizeof(float));
        if (withLoss)
        {
            var wrongSide = Vector256.ConditionalSelect(positive, Vector256.LessThan(f, Vec.Zero), Vector256.GreaterThan(f, Vec.Zero));
            loss += valid & Vector256.ConditionalSelect(inside, -LogSigmoid8(index, positive), wrongSide & Vector256.Abs(f));
        }
        return valid & inside & (((positive & Vec.One) - sigmoid) * alpha);
    }

    /// <summary><see cref="SigmoidTable.Index"/> of 8 scores, clamped to the table (a NaN gives 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Index8(Vec f)
    {
        var index = Avx.ConvertToVector256Int32WithTruncation((f + Vector256.Create(SigmoidTable.MaxExp)) * Vector256.Create(SigmoidTable.Scale));
        return Vector256.Min(Vector256.Max(index, Vector256<int>.Zero), Vector256.Create(SigmoidTable.Size));
    }

    /// <summary>log σ(f) for positive lanes, log σ(−f) for the others: one gather, the two tables being contiguous.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vec LogSigmoid8(Vector256<int> index, Vec positive)
    {
        var offset = Vector256.AndNot(Vector256.Create(SigmoidTable.Size + 1), positive.AsInt32());
        return Avx2.GatherVector256(_logSigmoid, index + offset, sizeof(float));
    }
}
