using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using FastW2V.Kernels;
using Vec = System.Runtime.Intrinsics.Vector256<float>;

namespace FastW2V.Training.Losses;

/// <summary>
/// <see cref="TableSigmoidPolicy"/>'s steps for 8 scores at once, for the batched kernels: the same clipping
/// and the same table index as word2vec.c's table, with σ at that index computed, not looked up
/// (σ(x_i) = 1 / (1 + e^−x_i) at the table's point x_i: an inlined exp and a division instead of a
/// gather, which is slow on Zen 3 and was a third of the window kernel's own time on the Xeon). The result agrees
/// with the table to about 1e-7. Labels are per lane (an all-ones lane of <c>positive</c> is label 1),
/// so one call serves a skip-gram target row (all lanes alike) and a CBOW batch row (each centre its
/// own label). Lanes outside <c>valid</c> get a zero step and add no loss. The loss costs a log:
/// callers ask for it (<c>withLoss</c>) only on the updates they sample for the display.
/// </summary>
internal readonly unsafe partial struct TableSigmoidPolicy
{
    /// <summary>Negative sampling's step (label − σ(f))·alpha, σ clipped to 0 or 1 outside the table.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vec Steps8(Vec f, Vec positive, float alpha, Vec valid, bool withLoss, float lossWeight, ref Vec loss)
    {
        var max = Vector256.Create(SigmoidTable.MaxExp);
        var above = Vector256.GreaterThan(f, max);
        var inside = Vector256.AndNot(Vector256.GreaterThanOrEqual(f, -max), above); // NaN: neither
        var x = TablePoint(f);
        var e = ExpOfNegative(x);
        var sigmoid = Vector256.ConditionalSelect(inside, Vec.One / (Vec.One + e), above & Vec.One);
        if (withLoss)
        {
            // Outside the table: a positive costs −f below it, a negative costs f above it (−log σ(±f) ≈ ∓f).
            var clipped = Vector256.ConditionalSelect(positive, Vector256.AndNot(-f, above), above & f);
            var terms = Vector256.ConditionalSelect(inside, NegativeLogSigmoid(x, e, positive), clipped);
            loss = Vector256.FusedMultiplyAdd(valid & terms, Vector256.Create(lossWeight), loss);
        }
        return valid & (((positive & Vec.One) - sigmoid) * alpha);
    }

    /// <summary>Hierarchical softmax's step: a node scoring outside (−6, 6) gets none; its loss is |f| on the wrong
    /// side.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vec TreeSteps8(Vec f, Vec positive, float alpha, Vec valid, bool withLoss, ref Vec loss)
    {
        var max = Vector256.Create(SigmoidTable.MaxExp);
        var inside = Vector256.GreaterThan(f, -max) & Vector256.LessThan(f, max); // NaN: outside
        var x = TablePoint(f);
        var e = ExpOfNegative(x);
        if (withLoss)
        {
            // As TreeStep: a positive pays unless f > 0, so a NaN score's loss is NaN (the divergence check sees it).
            var above = Vector256.GreaterThan(f, Vec.Zero);
            var wrongSide = Vector256.ConditionalSelect(positive, ~above, above);
            loss += valid & Vector256.ConditionalSelect(inside, NegativeLogSigmoid(x, e, positive),
                wrongSide & Vector256.Abs(f));
        }
        return valid & inside & (((positive & Vec.One) - Vec.One / (Vec.One + e)) * alpha);
    }

    /// <summary>
    /// The table point of each score: x_i = (i / 1000 · 2 − 1) · 6 at word2vec.c's index
    /// i = ⌊(f + 6) · 1000 / 12⌋, clamped to the table (a NaN gives i = 0).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vec TablePoint(Vec f)
    {
        var index = Avx.ConvertToVector256Int32WithTruncation(
            (f + Vector256.Create(SigmoidTable.MaxExp)) * Vector256.Create(SigmoidTable.Scale));
        index = Vector256.Min(Vector256.Max(index, Vector256<int>.Zero), Vector256.Create(SigmoidTable.Size));
        return (Vector256.ConvertToSingle(index) * (2f / SigmoidTable.Size) - Vec.One) * SigmoidTable.MaxExp;
    }

    /// <summary>
    /// e^−x for table points (|x| ≤ 6): 2^n · 2^r with n = round(−x·log₂e) and |r| ≤ ½, 2^r by its
    /// degree-6 Taylor polynomial (relative error below 2e-7). Inlined: the library's Vector256.Exp is a call that
    /// handles every special value, too heavy for the innermost loop, whose arguments are always finite and small.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vec ExpOfNegative(Vec x)
    {
        var t = x * -1.44269504f;
        var n = Avx.RoundToNearestInteger(t);
        var r = (t - n) * 0.693147181f; // e^r with |r| ≤ 0.347
        var p = Vector256.FusedMultiplyAdd(Vector256.Create(1f / 720), r, Vector256.Create(1f / 120));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1f / 24));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1f / 6));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(0.5f));
        p = Vector256.FusedMultiplyAdd(p, r, Vec.One);
        p = Vector256.FusedMultiplyAdd(p, r, Vec.One);
        var scale = (Vector256.ConvertToInt32(n) + Vector256.Create(127)) << 23;
        return p * scale.AsSingle();
    }

    /// <summary>−log σ(x) = log(1 + e) for positive lanes, −log σ(−x) = x + log(1 + e) for the others (e =
    /// e^−x).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vec NegativeLogSigmoid(Vec x, Vec e, Vec positive)
    {
        var log = Vector256.Log(Vec.One + e);
        return Vector256.ConditionalSelect(positive, log, x + log);
    }
}
