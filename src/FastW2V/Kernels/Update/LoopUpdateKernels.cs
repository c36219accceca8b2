using FastW2V.Storage;
using FastW2V.Training;
using FastW2V.Kernels;
using FastW2V.Training.Batched;

namespace FastW2V.Kernels.Update;

/// <summary>
/// Any width, any instruction set: the level-1 kernels (one dot product and two axpy per cell), with
/// gradients in memory. The reference the blocked kernels are tested against, and the scalar path.
/// </summary>
internal unsafe struct LoopUpdateKernels<TKernels> : IUpdateKernels where TKernels : struct, IVectorKernels
{
    public static float Train(in NegativeSamplingStep ns, float* v, float* gradient, int* targets, int count,
        float alpha)
    {
        new Span<float>(gradient, ns.Stride).Clear();
        float loss = ns.Apply<TKernels>(v, gradient, targets, count, alpha);
        TKernels.Axpy(1f, gradient, v, ns.Stride);
        return loss;
    }

    /// <summary>Per target: its cells' scores and steps, ΔV from the old target row, then the row's own step (parked
    /// in
    /// <see cref="WindowRows.Steps"/>).</summary>
    public static float TrainWindow<TTargets>(float* output, int stride, in WindowRows w, ref TTargets targets)
        where TTargets : struct, IWindowTargets
    {
        if (!w.AddDeltas)
            for (int b = 0; b < w.Batch; b++) new Span<float>(w.DeltaRows[b], stride).Clear();
        float* rowStep = w.Steps;
        float loss = 0;
        for (int t = 0; t < targets.Count; t++)
        {
            float* u = output + (long)targets.Target(t) * stride;
            if (t < w.PrefetchCount) EmbeddingMatrix.PrefetchRow(w.PrefetchBase + (long)w.Prefetch[t] * stride, stride);
            new Span<float>(rowStep, stride).Clear();
            for (int b = 0; b < w.Batch; b++)
            {
                float g = targets.Step(t, b, TKernels.Dot(w.Rows[b], u, stride), ref loss);
                TKernels.Axpy(g, u, w.DeltaRows[b], stride);   // ΔV += Gᵀ·U, with the old u
                TKernels.Axpy(g, w.Rows[b], rowStep, stride);  // ΔU = G·V
            }
            TKernels.Axpy(1f, rowStep, u, stride);
        }
        for (int t = targets.Count; t < w.PrefetchCount; t++)
            EmbeddingMatrix.PrefetchRow(w.PrefetchBase + (long)w.Prefetch[t] * stride, stride);
        return loss;
    }

    /// <summary>All steps first (the old rows), then the target rows' own steps.</summary>
    public static float TrainDiagonal<TTargets>(float* output, int stride, in WindowRows w, ref TTargets targets)
        where TTargets : struct, IWindowTargets
    {
        float loss = 0;
        for (int b = 0; b < w.Batch; b++)
        {
            float* u = output + (long)targets.Target(b) * stride;
            float g = w.Steps[b] = targets.Step(b, b, TKernels.Dot(w.Rows[b], u, stride), ref loss);
            if (!w.AddDeltas) new Span<float>(w.DeltaRows[b], stride).Clear();
            TKernels.Axpy(g, u, w.DeltaRows[b], stride);
        }
        for (int b = 0; b < w.Batch; b++)
            TKernels.Axpy(w.Steps[b], w.Rows[b], output + (long)targets.Target(b) * stride, stride);
        return loss;
    }
}
