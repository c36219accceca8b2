namespace FastW2V.Kernels;

/// <summary>
/// Plain scalar kernels: the float path without SIMD, and the reference the vector paths are tested
/// against. The loops are <see cref="ReferenceKernels{T}"/>'s, the same code the gradient checks run in double.
/// </summary>
internal unsafe struct VectorKernelsScalar : IVectorKernels
{
    public static InstructionSet Path => InstructionSet.Scalar;
    public static float Dot(float* a, float* b, int n) => ReferenceKernels<float>.Dot(a, b, n);
    public static void Axpy(float alpha, float* x, float* y, int n) => ReferenceKernels<float>.Axpy(alpha, x, y, n);
    public static void Scale(float alpha, float* x, int n) => ReferenceKernels<float>.Scale(alpha, x, n);
    public static void AccumulateAndUpdate(float g, float* u, float* v, float* gradient, int n) =>
        ReferenceKernels<float>.AccumulateAndUpdate(g, u, v, gradient, n);
}
