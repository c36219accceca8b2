namespace FastW2V.Kernels;

/// <summary>
/// The level-1 kernels of training. Lengths are row strides: whole multiples of 16 floats (one
/// Vector512, two Vector256), so no path needs a scalar tail; the padding floats are zero and stay
/// zero. Implemented by structs and used as generic type arguments, so the JIT/AOT compiler
/// specialises each training loop per instruction set and inlines the kernels: no virtual call.
/// </summary>
public unsafe interface IVectorKernels
{
    static abstract SimdPath Path { get; }

    /// <summary>Σ a[i]·b[i].</summary>
    static abstract float Dot(float* a, float* b, int n);

    /// <summary>y += alpha·x.</summary>
    static abstract void Axpy(float alpha, float* x, float* y, int n);

    /// <summary>x *= alpha.</summary>
    static abstract void Scale(float alpha, float* x, int n);

    /// <summary>
    /// The negative-sampling step for one target row u, fused so u is loaded once:
    /// gradient += g·u, then u += g·v.
    /// </summary>
    static abstract void AccumulateAndUpdate(float g, float* u, float* v, float* gradient, int n);
}

/// <summary>Runs generic code with the kernel struct of a chosen <see cref="SimdPath"/>.</summary>
public interface IKernelAction<TResult>
{
    TResult Invoke<TKernels>() where TKernels : struct, IVectorKernels;
}

public static class VectorKernels
{
    public static TResult Dispatch<TAction, TResult>(SimdPath path, TAction action)
        where TAction : IKernelAction<TResult> => path switch
        {
            SimdPath.V512 => action.Invoke<VectorKernelsV512>(),
            SimdPath.V256 => action.Invoke<VectorKernelsV256>(),
            _ => action.Invoke<VectorKernelsScalar>(),
        };
}
