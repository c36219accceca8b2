namespace FastW2V.Kernels;

/// <summary>
/// The level-1 kernels of training, over any element type: float in training, double in the gradient
/// checks, which run the same loss code in double precision. Implemented by structs and used as generic
/// type arguments, so the JIT/AOT compiler specialises each loop per instruction set and inlines the
/// kernels: no virtual call.
/// </summary>
internal unsafe interface IKernels<T> where T : unmanaged
{
    /// <summary>Σ a[i]·b[i].</summary>
    static abstract T Dot(T* a, T* b, int n);

    /// <summary>y += alpha·x.</summary>
    static abstract void Axpy(T alpha, T* x, T* y, int n);

    /// <summary>x *= alpha.</summary>
    static abstract void Scale(T alpha, T* x, int n);

    /// <summary>
    /// The update of one output row u against hidden vector v, fused so u is loaded once:
    /// gradient += g·u, then u += g·v.
    /// </summary>
    static abstract void AccumulateAndUpdate(T g, T* u, T* v, T* gradient, int n);
}
