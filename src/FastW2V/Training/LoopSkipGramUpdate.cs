using FastW2V.Kernels;

namespace FastW2V.Training;

/// <summary>Any width, any instruction set: the level-1 kernels, with gradients in memory.</summary>
internal unsafe struct LoopSkipGramUpdate<TKernels> : ISkipGramUpdate where TKernels : struct, IVectorKernels
{
    public static float Train(in NegativeSamplingStep ns, float* v, float* gradient, int* targets, int count, float alpha)
    {
        new Span<float>(gradient, ns.Stride).Clear();
        float loss = ns.Apply<TKernels>(v, gradient, targets, count, alpha);
        TKernels.Axpy(1f, gradient, v, ns.Stride);
        return loss;
    }

    public static float TrainWindow(in NegativeSamplingStep ns, float* output, float** rows, int batch, int* targets, int* multiplicity,
        byte* codes, int count, float alpha, float* deltas, float* scratch, int* prefetch, int prefetchCount)
    {
        int stride = ns.Stride;
        new Span<float>(deltas, batch * stride).Clear();
        float loss = 0;
        for (int t = 0; t < count; t++)
        {
            float* u = output + (long)targets[t] * stride;
            if (t < prefetchCount) EmbeddingMatrix.PrefetchRow(output + (long)prefetch[t] * stride, stride);
            float step = alpha * multiplicity[t], targetLoss = 0;
            new Span<float>(scratch, stride).Clear();
            for (int b = 0; b < batch; b++)
            {
                float f = TKernels.Dot(rows[b], u, stride), g;
                if (codes == null) g = ns.Gradient(f, t == 0, step, ref targetLoss);
                else ns.Sigmoids.TreeStep(f, codes[t] == 0, step, ref targetLoss, out g);
                TKernels.Axpy(g, u, deltas + b * stride, stride);   // ΔV += Gᵀ·U, with the old u
                TKernels.Axpy(g, rows[b], scratch, stride);      // ΔU = G·V
            }
            TKernels.Axpy(1f, scratch, u, stride);
            loss += targetLoss * multiplicity[t];
        }
        for (int t = count; t < prefetchCount; t++) EmbeddingMatrix.PrefetchRow(output + (long)prefetch[t] * stride, stride);
        for (int b = 0; b < batch; b++) TKernels.Axpy(1f, deltas + b * stride, rows[b], stride);
        return loss;
    }
}
