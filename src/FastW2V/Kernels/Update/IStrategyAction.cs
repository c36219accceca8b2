namespace FastW2V.Kernels.Update;

/// <summary>Generic code to run with the types of one kernel strategy.</summary>
internal interface IStrategyAction<TResult>
{
    TResult Invoke<TKernels, TUpdate>() where TKernels : struct, IVectorKernels where TUpdate : struct, IUpdateKernels;
}
