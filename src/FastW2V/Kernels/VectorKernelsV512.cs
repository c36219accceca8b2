using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Vec = System.Runtime.Intrinsics.Vector512<float>;

namespace FastW2V.Kernels;

/// <summary>
/// AVX-512 kernels: 16 floats per vector. Two accumulators in Dot hide the FMA latency (4 cycles)
/// for the common row lengths of 112 (d = 100) and 304 (d = 300) floats.
/// </summary>
internal unsafe struct VectorKernelsV512 : IVectorKernels
{
    private const int W = 16;
    public static InstructionSet Path => InstructionSet.V512;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot(float* a, float* b, int n)
    {
        Vec acc0 = Vec.Zero, acc1 = Vec.Zero;
        int i = 0;
        for (; i + 2 * W <= n; i += 2 * W)
        {
            acc0 = Vector512.FusedMultiplyAdd(Vector512.Load(a + i), Vector512.Load(b + i), acc0);
            acc1 = Vector512.FusedMultiplyAdd(Vector512.Load(a + i + W), Vector512.Load(b + i + W), acc1);
        }
        if (i < n) acc0 = Vector512.FusedMultiplyAdd(Vector512.Load(a + i), Vector512.Load(b + i), acc0);
        return Vector512.Sum(acc0 + acc1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Axpy(float alpha, float* x, float* y, int n)
    {
        var s = Vector512.Create(alpha);
        for (int i = 0; i < n; i += W)
            Vector512.Store(Vector512.FusedMultiplyAdd(s, Vector512.Load(x + i), Vector512.Load(y + i)), y + i);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Scale(float alpha, float* x, int n)
    {
        var s = Vector512.Create(alpha);
        for (int i = 0; i < n; i += W) Vector512.Store(Vector512.Load(x + i) * s, x + i);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AccumulateAndUpdate(float g, float* u, float* v, float* gradient, int n)
    {
        var s = Vector512.Create(g);
        for (int i = 0; i < n; i += W)
        {
            var ui = Vector512.Load(u + i);
            Vector512.Store(Vector512.FusedMultiplyAdd(s, ui, Vector512.Load(gradient + i)), gradient + i);
            Vector512.Store(Vector512.FusedMultiplyAdd(s, Vector512.Load(v + i), ui), u + i);
        }
    }
}
