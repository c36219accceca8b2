namespace FastW2V.Kernels;

/// <summary>Plain scalar kernels: the reference the vector paths are tested against.</summary>
public unsafe struct VectorKernelsScalar : IVectorKernels
{
    public static SimdPath Path => SimdPath.Scalar;

    public static float Dot(float* a, float* b, int n)
    {
        float sum = 0;
        for (int i = 0; i < n; i++) sum += a[i] * b[i];
        return sum;
    }

    public static void Axpy(float alpha, float* x, float* y, int n)
    {
        for (int i = 0; i < n; i++) y[i] += alpha * x[i];
    }

    public static void Scale(float alpha, float* x, int n)
    {
        for (int i = 0; i < n; i++) x[i] *= alpha;
    }

    public static void AccumulateAndUpdate(float g, float* u, float* v, float* gradient, int n)
    {
        for (int i = 0; i < n; i++)
        {
            float ui = u[i];
            gradient[i] += g * ui;
            u[i] = ui + g * v[i];
        }
    }
}
