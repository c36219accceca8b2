using System.Numerics;

namespace FastW2V.Kernels;

/// <summary>
/// Plain loops over any number type: the double-precision kernels of the gradient checks (the float
/// scalar path is <see cref="VectorKernelsScalar"/>). Any length, no padding assumed.
/// </summary>
internal unsafe struct ReferenceKernels<T> : IKernels<T> where T : unmanaged, INumber<T>
{
    public static T Dot(T* a, T* b, int n)
    {
        T sum = T.Zero;
        for (int i = 0; i < n; i++) sum += a[i] * b[i];
        return sum;
    }

    public static void Axpy(T alpha, T* x, T* y, int n)
    {
        for (int i = 0; i < n; i++) y[i] += alpha * x[i];
    }

    public static void Scale(T alpha, T* x, int n)
    {
        for (int i = 0; i < n; i++) x[i] *= alpha;
    }

    public static void AccumulateAndUpdate(T g, T* u, T* v, T* gradient, int n)
    {
        for (int i = 0; i < n; i++)
        {
            T ui = u[i];
            gradient[i] += g * ui;
            u[i] = ui + g * v[i];
        }
    }
}
