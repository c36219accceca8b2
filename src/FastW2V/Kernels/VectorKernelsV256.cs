using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Vec = System.Runtime.Intrinsics.Vector256<float>;

namespace FastW2V.Kernels;

/// <summary>AVX2 kernels: 8 floats per vector, two per 16-float step (rows are padded to 16).</summary>
internal unsafe struct VectorKernelsV256 : IVectorKernels
{
    private const int W = 8;
    public static InstructionSet Path => InstructionSet.V256;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot(float* a, float* b, int n)
    {
        Vec acc0 = Vec.Zero, acc1 = Vec.Zero;
        for (int i = 0; i < n; i += 2 * W)
        {
            acc0 = Vector256.FusedMultiplyAdd(Vector256.Load(a + i), Vector256.Load(b + i), acc0);
            acc1 = Vector256.FusedMultiplyAdd(Vector256.Load(a + i + W), Vector256.Load(b + i + W), acc1);
        }
        return Vector256.Sum(acc0 + acc1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Axpy(float alpha, float* x, float* y, int n)
    {
        var s = Vector256.Create(alpha);
        for (int i = 0; i < n; i += W)
            Vector256.Store(Vector256.FusedMultiplyAdd(s, Vector256.Load(x + i), Vector256.Load(y + i)), y + i);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Scale(float alpha, float* x, int n)
    {
        var s = Vector256.Create(alpha);
        for (int i = 0; i < n; i += W) Vector256.Store(Vector256.Load(x + i) * s, x + i);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AccumulateAndUpdate(float g, float* u, float* v, float* gradient, int n)
    {
        var s = Vector256.Create(g);
        for (int i = 0; i < n; i += W)
        {
            var ui = Vector256.Load(u + i);
            Vector256.Store(Vector256.FusedMultiplyAdd(s, ui, Vector256.Load(gradient + i)), gradient + i);
            Vector256.Store(Vector256.FusedMultiplyAdd(s, Vector256.Load(v + i), ui), u + i);
        }
    }
}
