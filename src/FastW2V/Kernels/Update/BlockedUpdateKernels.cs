using FastW2V.Training;
using FastW2V.Kernels;
using FastW2V.Kernels.Blocked;
using FastW2V.Training.Batched;

namespace FastW2V.Kernels.Update;

/// <summary>
/// Register-blocked strips of <typeparamref name="TVec"/> (AVX2 or AVX-512) for batched updates, any
/// dimension; word2vec.c's pairs (<c>--no-batch</c>) keep the level-1 kernels of <typeparamref name="TKernels"/>.
/// </summary>
internal unsafe struct BlockedUpdateKernels<TVec, TKernels> : IUpdateKernels
    where TVec : struct, IFloatVector<TVec> where TKernels : struct, IVectorKernels
{
    public static float Train(in NegativeSamplingStep ns, float* v, float* gradient, int* targets, int count,
        float alpha) =>
        LoopUpdateKernels<TKernels>.Train(in ns, v, gradient, targets, count, alpha);

    public static float TrainWindow<TTargets>(float* output, int stride, in WindowRows rows, ref TTargets targets)
        where TTargets : struct, IWindowTargets =>
        BlockedWindowUpdate<TVec>.Update(output, stride, in rows, ref targets);

    public static float TrainDiagonal<TTargets>(float* output, int stride, in WindowRows rows, ref TTargets targets)
        where TTargets : struct, IWindowTargets =>
        BlockedWindowUpdate<TVec>.Diagonal(output, stride, in rows, ref targets);
}
