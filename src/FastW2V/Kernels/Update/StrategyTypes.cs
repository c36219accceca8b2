using FastW2V.Kernels.Blocked;

namespace FastW2V.Kernels.Update;

/// <summary>
/// The one place a <see cref="KernelStrategy"/> becomes types: its level-1 kernels (sums, axpy, the
/// unbatched loops) and its update kernels (the batched updates). Every generic instantiation the binary
/// needs is named here, so NativeAOT compiles exactly these.
/// </summary>
internal static class StrategyTypes
{
    public static TResult Invoke<TAction, TResult>(KernelStrategy strategy, TAction action)
        where TAction : IStrategyAction<TResult>
    {
        if (strategy == KernelStrategies.Avx512Blocked)
            return action.Invoke<VectorKernelsV512, BlockedUpdateKernels<Float512, VectorKernelsV512>>();
        if (strategy == KernelStrategies.Avx2Blocked)
            return action.Invoke<VectorKernelsV256, BlockedUpdateKernels<Float256, VectorKernelsV256>>();
        if (strategy == KernelStrategies.Avx512Loop)
            return action.Invoke<VectorKernelsV512, LoopUpdateKernels<VectorKernelsV512>>();
        if (strategy == KernelStrategies.Avx2Loop)
            return action.Invoke<VectorKernelsV256, LoopUpdateKernels<VectorKernelsV256>>();
        return action.Invoke<VectorKernelsScalar, LoopUpdateKernels<VectorKernelsScalar>>();
    }
}
