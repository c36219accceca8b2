using FastW2V.Kernels.Update;
using FastW2V.Storage;
using FastW2V.Training.Batched;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using FastW2V.Kernels;
using FastW2V.Kernels.Blocked;

namespace FastW2V.Kernels.Blocked;

/// <summary>
/// One batched update as three small matrix products on register-blocked strips, for any dimension on
/// any vector width: with U the target rows and V the input rows (<see cref="WindowRows.Rows"/>),
/// <list type="number">
/// <item>S = U·Vᵀ, 8 input rows per target row at a time, each 8 scores reduced together; then every
/// 8 scores turned into 8 steps at once (<see cref="Training.Losses.TableSigmoidPolicy.Steps8"/>): G;</item>
/// <item>ΔV = Gᵀ·U from the old target rows, into <see cref="WindowRows.DeltaRows"/>;</item>
/// <item>U += G·V in place (V is still unchanged).</item>
/// </list>
/// Every score is taken from the rows as they were at the start (HogBatch). All three passes stream the
/// same few rows, which stay in L1 after the first.
/// </summary>
internal static unsafe class BlockedWindowUpdate<TVec> where TVec : struct, IFloatVector<TVec>
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Update<TTargets>(float* output, int stride, in WindowRows w, ref TTargets targets)
        where TTargets : struct, IWindowTargets
    {
        int count = targets.Count, columns = w.Columns, batch = w.Batch;
        float* steps = w.Steps;
        float** targetRows = w.TargetRows;
        // Scores first, steps after: no vector register survives a call in .NET's ABI, so a loop that kept
        // the loss and the lane masks live across the score calls spilled and reloaded them every time.
        for (int t = 0; t < count; t++)
        {
            float* u = output + (long)targets.Target(t) * stride;
            targetRows[t] = u;
            // One row of the next update per target: spread out, the misses never queue up at once.
            if (t < w.PrefetchCount) EmbeddingMatrix.PrefetchRow(w.PrefetchBase + (long)w.Prefetch[t] * stride, stride);
            for (int chunk = 0; chunk < batch; chunk += 8)
                Vector256.Store(BlockedProducts<TVec>.Scores8(u, w.Rows + chunk, batch - chunk, stride),
                    steps + t * columns + chunk);
        }
        var loss = Vector256<float>.Zero;
        var lane = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
        for (int t = 0; t < count; t++)
            for (int chunk = 0; chunk < batch; chunk += 8)
            {
                float* g = steps + t * columns + chunk;
                var valid = Vector256.LessThan(lane, Vector256.Create(batch - chunk)).AsSingle();
                Vector256.Store(targets.Steps8(t, chunk, Vector256.Load(g), valid, ref loss), g);
            }
        for (int t = count; t < w.PrefetchCount; t++)
            EmbeddingMatrix.PrefetchRow(w.PrefetchBase + (long)w.Prefetch[t] * stride, stride);
        BlockedProducts<TVec>.WeightedSums(steps, 1, columns, targetRows, count, w.DeltaRows, batch, stride,
            store: !w.AddDeltas);
        BlockedProducts<TVec>.WeightedSums(steps, columns, 1, w.Rows, batch, targetRows, count, stride, store: false);
        return Vector256.Sum(loss);
    }

    /// <summary>
    /// The diagonal (<see cref="IUpdateKernels.TrainDiagonal"/>): 8 separate dot products per chunk, reduced
    /// together, one vectorised lookup for their steps; then ΔV_b = g_b·u_b from the old rows, then u_b += g_b·v_b.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Diagonal<TTargets>(float* output, int stride, in WindowRows w, ref TTargets targets)
        where TTargets : struct, IWindowTargets
    {
        int batch = w.Batch, columns = w.Columns;
        float* steps = w.Steps;
        float** u = w.TargetRows;
        for (int b = 0; b < batch; b++) u[b] = output + (long)targets.Target(b) * stride;
        for (int b = batch; b < columns; b++) u[b] = w.ZeroRow;
        var loss = Vector256<float>.Zero;
        var lane = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
        for (int chunk = 0; chunk < batch; chunk += 8)
        {
            var scores = BlockedProducts<TVec>.PairScores8(w.Rows + chunk, u + chunk, stride);
            var valid = Vector256.LessThan(lane, Vector256.Create(batch - chunk)).AsSingle();
            Vector256.Store(targets.Steps8(chunk, chunk, scores, valid, ref loss), steps + chunk);
        }
        for (int b = 0; b < batch; b++)
            BlockedProducts<TVec>.AddScaled(w.DeltaRows[b], steps[b], u[b], stride, store: !w.AddDeltas);
        for (int b = 0; b < batch; b++)
            BlockedProducts<TVec>.AddScaled(u[b], steps[b], w.Rows[b], stride, store: false);
        return Vector256.Sum(loss);
    }
}
