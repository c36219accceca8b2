using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using FastW2V.Kernels;
using Vec = System.Runtime.Intrinsics.Vector512<float>;

namespace FastW2V.Training;

/// <summary>
/// The HogBatch window on AVX-512 as three small matrix products over hot rows, with no horizontal sum
/// per score and no store per score:
/// 1. scores and steps: per target t (row u_t in registers), the partial dot vectors of 8 contexts at a
///    time are reduced together by a transpose tree (<see cref="Reduce8"/>, about 3 instructions per
///    score instead of 10 for a horizontal sum each), and the 8 step sizes come from one vectorised
///    sigmoid-table lookup (<see cref="Losses.TableSigmoid.Steps8"/>), giving G;
/// 2. ΔU = G·V, parked in scratch (u_t must stay unchanged for step 3);
/// 3. per context b: ΔV_b = Σ_t G[t,b]·u_t accumulates in registers and is added straight to v_b;
/// 4. u_t += ΔU_t.
/// Rows are written out per vector (u0…u7) so each present vector gets its own register and absent
/// ones compile away (TWidth is a constant to the compiler). The fused one-pass version (dot, horizontal
/// sum, scalar table lookup and both updates per pair) measured about 1.8× slower in the window
/// micro-benchmark: a long dependency chain per pair and more instructions.
/// </summary>
internal unsafe partial struct RegisterSkipGramUpdateV512<TWidth>
{
    /// <summary>Context columns of the step matrix G per target row (whole chunks of 8).</summary>
    public static int StepColumns(int batch) => (batch + 7) & ~7;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float TrainWindow(in NegativeSamplingStep ns, float* output, float** rows, int batch, int* targets, int* multiplicity,
        byte* codes, int count, float alpha, float* deltas, float* scratch, int* prefetch, int prefetchCount)
    {
        int n = TWidth.Vectors;
        int stride = ns.Stride;
        int columns = StepColumns(batch);
        float* steps = scratch;          // G: count rows of `columns` step sizes
        float* updates = deltas;         // ΔU: count rows of the stride
        Vec* partials = stackalloc Vec[8];
        var lossSum = Vector256<float>.Zero;
        for (int t = 0; t < count; t++)
        {
            float* u = output + (long)targets[t] * stride;
            Vec u0 = Vector512.Load(u);
            Vec u1 = n > 1 ? Vector512.Load(u + 1 * W) : default;
            Vec u2 = n > 2 ? Vector512.Load(u + 2 * W) : default;
            Vec u3 = n > 3 ? Vector512.Load(u + 3 * W) : default;
            Vec u4 = n > 4 ? Vector512.Load(u + 4 * W) : default;
            Vec u5 = n > 5 ? Vector512.Load(u + 5 * W) : default;
            Vec u6 = n > 6 ? Vector512.Load(u + 6 * W) : default;
            Vec u7 = n > 7 ? Vector512.Load(u + 7 * W) : default;
            if (t < prefetchCount) EmbeddingMatrix.PrefetchRow(output + (long)prefetch[t] * stride, stride);
            float* g = steps + t * columns;
            float step = alpha * multiplicity[t];
            var targetLoss = Vector256<float>.Zero;
            for (int chunk = 0; chunk < batch; chunk += 8)
            {
                int inChunk = Math.Min(8, batch - chunk);
                for (int j = 0; j < 8; j++)
                {
                    if (j >= inChunk) { partials[j] = Vec.Zero; continue; }
                    float* v = rows[chunk + j];
                    // The same two-accumulator order as the pair kernel.
                    Vec p = Vector512.Load(v) * u0, q = n > 1 ? Vector512.Load(v + W) * u1 : default;
                    if (n > 2) p = Vector512.FusedMultiplyAdd(Vector512.Load(v + 2 * W), u2, p);
                    if (n > 3) q = Vector512.FusedMultiplyAdd(Vector512.Load(v + 3 * W), u3, q);
                    if (n > 4) p = Vector512.FusedMultiplyAdd(Vector512.Load(v + 4 * W), u4, p);
                    if (n > 5) q = Vector512.FusedMultiplyAdd(Vector512.Load(v + 5 * W), u5, q);
                    if (n > 6) p = Vector512.FusedMultiplyAdd(Vector512.Load(v + 6 * W), u6, p);
                    if (n > 7) q = Vector512.FusedMultiplyAdd(Vector512.Load(v + 7 * W), u7, q);
                    partials[j] = p + q;
                }
                var scores = Reduce8(partials);
                var valid = Vector256.LessThan(Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7), Vector256.Create(inChunk)).AsSingle();
                var steps8 = codes == null
                    ? ns.Sigmoids.Steps8(scores, t == 0, step, valid, ref targetLoss)
                    : ns.Sigmoids.TreeSteps8(scores, codes[t] == 0, step, valid, ref targetLoss);
                Vector256.Store(steps8, g + chunk);
            }
            lossSum += targetLoss * multiplicity[t];
        }
        // ΔU = G·V from the old context rows, parked until step 2 has used the old target rows. A pass
        // of its own, so the scores of the next target (above) never wait for this one's table lookups.
        for (int t = 0; t < count; t++)
        {
            float* g = steps + t * columns;
            Vec a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
            for (int b = 0; b < batch; b++)
            {
                float* v = rows[b];
                var s = Vector512.Create(g[b]);
                a0 = Vector512.FusedMultiplyAdd(s, Vector512.Load(v), a0);
                if (n > 1) a1 = Vector512.FusedMultiplyAdd(s, Vector512.Load(v + 1 * W), a1);
                if (n > 2) a2 = Vector512.FusedMultiplyAdd(s, Vector512.Load(v + 2 * W), a2);
                if (n > 3) a3 = Vector512.FusedMultiplyAdd(s, Vector512.Load(v + 3 * W), a3);
                if (n > 4) a4 = Vector512.FusedMultiplyAdd(s, Vector512.Load(v + 4 * W), a4);
                if (n > 5) a5 = Vector512.FusedMultiplyAdd(s, Vector512.Load(v + 5 * W), a5);
                if (n > 6) a6 = Vector512.FusedMultiplyAdd(s, Vector512.Load(v + 6 * W), a6);
                if (n > 7) a7 = Vector512.FusedMultiplyAdd(s, Vector512.Load(v + 7 * W), a7);
            }
            float* du = updates + t * stride;
            Vector512.Store(a0, du);
            if (n > 1) Vector512.Store(a1, du + 1 * W);
            if (n > 2) Vector512.Store(a2, du + 2 * W);
            if (n > 3) Vector512.Store(a3, du + 3 * W);
            if (n > 4) Vector512.Store(a4, du + 4 * W);
            if (n > 5) Vector512.Store(a5, du + 5 * W);
            if (n > 6) Vector512.Store(a6, du + 6 * W);
            if (n > 7) Vector512.Store(a7, du + 7 * W);
        }
        for (int t = count; t < prefetchCount; t++) EmbeddingMatrix.PrefetchRow(output + (long)prefetch[t] * stride, stride);
        for (int b = 0; b < batch; b++)
        {
            float* u = output + (long)targets[0] * stride;
            var s = Vector512.Create(steps[b]);
            Vec d0 = s * Vector512.Load(u);
            Vec d1 = n > 1 ? s * Vector512.Load(u + 1 * W) : default;
            Vec d2 = n > 2 ? s * Vector512.Load(u + 2 * W) : default;
            Vec d3 = n > 3 ? s * Vector512.Load(u + 3 * W) : default;
            Vec d4 = n > 4 ? s * Vector512.Load(u + 4 * W) : default;
            Vec d5 = n > 5 ? s * Vector512.Load(u + 5 * W) : default;
            Vec d6 = n > 6 ? s * Vector512.Load(u + 6 * W) : default;
            Vec d7 = n > 7 ? s * Vector512.Load(u + 7 * W) : default;
            for (int t = 1; t < count; t++)
            {
                u = output + (long)targets[t] * stride;
                s = Vector512.Create(steps[t * columns + b]);
                d0 = Vector512.FusedMultiplyAdd(s, Vector512.Load(u), d0);
                if (n > 1) d1 = Vector512.FusedMultiplyAdd(s, Vector512.Load(u + 1 * W), d1);
                if (n > 2) d2 = Vector512.FusedMultiplyAdd(s, Vector512.Load(u + 2 * W), d2);
                if (n > 3) d3 = Vector512.FusedMultiplyAdd(s, Vector512.Load(u + 3 * W), d3);
                if (n > 4) d4 = Vector512.FusedMultiplyAdd(s, Vector512.Load(u + 4 * W), d4);
                if (n > 5) d5 = Vector512.FusedMultiplyAdd(s, Vector512.Load(u + 5 * W), d5);
                if (n > 6) d6 = Vector512.FusedMultiplyAdd(s, Vector512.Load(u + 6 * W), d6);
                if (n > 7) d7 = Vector512.FusedMultiplyAdd(s, Vector512.Load(u + 7 * W), d7);
            }
            float* v = rows[b];
            Vector512.Store(Vector512.Load(v) + d0, v);
            if (n > 1) Vector512.Store(Vector512.Load(v + 1 * W) + d1, v + 1 * W);
            if (n > 2) Vector512.Store(Vector512.Load(v + 2 * W) + d2, v + 2 * W);
            if (n > 3) Vector512.Store(Vector512.Load(v + 3 * W) + d3, v + 3 * W);
            if (n > 4) Vector512.Store(Vector512.Load(v + 4 * W) + d4, v + 4 * W);
            if (n > 5) Vector512.Store(Vector512.Load(v + 5 * W) + d5, v + 5 * W);
            if (n > 6) Vector512.Store(Vector512.Load(v + 6 * W) + d6, v + 6 * W);
            if (n > 7) Vector512.Store(Vector512.Load(v + 7 * W) + d7, v + 7 * W);
        }
        for (int t = 0; t < count; t++)
        {
            float* u = output + (long)targets[t] * stride, du = updates + t * stride;
            for (int k = 0; k < n; k++)
                Vector512.Store(Vector512.Load(u + k * W) + Vector512.Load(du + k * W), u + k * W);
        }
        return Vector256.Sum(lossSum);
    }

    /// <summary>
    /// The 8 horizontal sums of 8 vectors at once, by a transpose tree: halves of pairs, then quarters of
    /// pairs of pairs, then in-lane shuffles; 25 instructions for 8 sums. Lane j of the result is the sum
    /// of <c>p[j]</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Reduce8(Vec* p)
    {
        // c_i: lanes 0–1 fold p[2i] to 8 floats, lanes 2–3 fold p[2i+1].
        Vec c0 = Avx512F.Shuffle4x128(p[0], p[1], 0x44) + Avx512F.Shuffle4x128(p[0], p[1], 0xEE);
        Vec c1 = Avx512F.Shuffle4x128(p[2], p[3], 0x44) + Avx512F.Shuffle4x128(p[2], p[3], 0xEE);
        Vec c2 = Avx512F.Shuffle4x128(p[4], p[5], 0x44) + Avx512F.Shuffle4x128(p[4], p[5], 0xEE);
        Vec c3 = Avx512F.Shuffle4x128(p[6], p[7], 0x44) + Avx512F.Shuffle4x128(p[6], p[7], 0xEE);
        // e_j: 128-bit lane i holds p[4j+i] folded to 4 floats.
        Vec e0 = Avx512F.Shuffle4x128(c0, c1, 0x88) + Avx512F.Shuffle4x128(c0, c1, 0xDD);
        Vec e1 = Avx512F.Shuffle4x128(c2, c3, 0x88) + Avx512F.Shuffle4x128(c2, c3, 0xDD);
        // In-lane pairs, then pairs of pairs: lane i holds (Σp[i], Σp[i+4], Σp[i], Σp[i+4]).
        Vec h = Avx512F.Shuffle(e0, e1, 0x88) + Avx512F.Shuffle(e0, e1, 0xDD);
        Vec r = Avx512F.Shuffle(h, h, 0x88) + Avx512F.Shuffle(h, h, 0xDD);
        return Avx512F.PermuteVar16x32(r, Vector512.Create(0, 4, 8, 12, 1, 5, 9, 13, 0, 0, 0, 0, 0, 0, 0, 0)).GetLower();
    }
}
