using FastW2V.Kernels;

namespace FastW2V.Training;

/// <summary>
/// Trains one skip-gram pair: input row <c>v</c> against its targets (positive first), updating the
/// output rows and then <c>v</c>; returns the loss. Chosen once per run, as a type argument.
/// </summary>
internal unsafe interface IPairUpdate
{
    static abstract float Train(in NegativeSamplingStep ns, float* v, float* gradient, int* targets, int count, float alpha);
}

/// <summary>Any width, any instruction set: the level-1 kernels, with the gradient in memory.</summary>
internal unsafe struct LoopPairUpdate<TKernels> : IPairUpdate where TKernels : struct, IVectorKernels
{
    public static float Train(in NegativeSamplingStep ns, float* v, float* gradient, int* targets, int count, float alpha)
    {
        new Span<float>(gradient, ns.Stride).Clear();
        float loss = ns.Apply<TKernels>(v, gradient, targets, count, alpha);
        TKernels.Axpy(1f, gradient, v, ns.Stride);
        return loss;
    }
}
