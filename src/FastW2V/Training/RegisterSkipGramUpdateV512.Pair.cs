using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Vec = System.Runtime.Intrinsics.Vector512<float>;

namespace FastW2V.Training;

/// <summary>
/// The skip-gram pair on AVX-512 with the input row and its gradient held in registers for the whole
/// pair (rows of up to 8 Vector512s: dimension ≤ 128). Each target row is loaded once and stored once;
/// the loop version loads it three times and the gradient twice per target. Written out per vector
/// (v0…v7) because the compiler keeps separately named locals in registers, not arrays.
/// </summary>
internal unsafe partial struct RegisterSkipGramUpdateV512<TWidth> : ISkipGramUpdate where TWidth : struct, IRowWidth
{
    private const int W = 16;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Train(in NegativeSamplingStep ns, float* v, float* gradient, int* targets, int count, float alpha)
    {
        int n = TWidth.Vectors;
        Vec v0 = Vector512.Load(v);
        Vec v1 = n > 1 ? Vector512.Load(v + W) : default;
        Vec v2 = n > 2 ? Vector512.Load(v + 2 * W) : default;
        Vec v3 = n > 3 ? Vector512.Load(v + 3 * W) : default;
        Vec v4 = n > 4 ? Vector512.Load(v + 4 * W) : default;
        Vec v5 = n > 5 ? Vector512.Load(v + 5 * W) : default;
        Vec v6 = n > 6 ? Vector512.Load(v + 6 * W) : default;
        Vec v7 = n > 7 ? Vector512.Load(v + 7 * W) : default;
        Vec g0 = default, g1 = default, g2 = default, g3 = default, g4 = default, g5 = default, g6 = default, g7 = default;
        float loss = 0;
        for (int t = 0; t < count; t++)
        {
            float* u = ns.Output + (long)targets[t] * ns.Stride;
            Vec u0 = Vector512.Load(u);
            Vec u1 = n > 1 ? Vector512.Load(u + W) : default;
            Vec u2 = n > 2 ? Vector512.Load(u + 2 * W) : default;
            Vec u3 = n > 3 ? Vector512.Load(u + 3 * W) : default;
            Vec u4 = n > 4 ? Vector512.Load(u + 4 * W) : default;
            Vec u5 = n > 5 ? Vector512.Load(u + 5 * W) : default;
            Vec u6 = n > 6 ? Vector512.Load(u + 6 * W) : default;
            Vec u7 = n > 7 ? Vector512.Load(u + 7 * W) : default;
            // Two accumulators halve the FMA dependency chain of the dot product.
            Vec a = v0 * u0, b = n > 1 ? v1 * u1 : default;
            if (n > 2) a = Vector512.FusedMultiplyAdd(v2, u2, a);
            if (n > 3) b = Vector512.FusedMultiplyAdd(v3, u3, b);
            if (n > 4) a = Vector512.FusedMultiplyAdd(v4, u4, a);
            if (n > 5) b = Vector512.FusedMultiplyAdd(v5, u5, b);
            if (n > 6) a = Vector512.FusedMultiplyAdd(v6, u6, a);
            if (n > 7) b = Vector512.FusedMultiplyAdd(v7, u7, b);
            float f = Vector512.Sum(a + b);
            var s = Vector512.Create(ns.Gradient(f, t == 0, alpha, ref loss));
            g0 = Vector512.FusedMultiplyAdd(s, u0, g0); Vector512.Store(Vector512.FusedMultiplyAdd(s, v0, u0), u);
            if (n > 1) { g1 = Vector512.FusedMultiplyAdd(s, u1, g1); Vector512.Store(Vector512.FusedMultiplyAdd(s, v1, u1), u + W); }
            if (n > 2) { g2 = Vector512.FusedMultiplyAdd(s, u2, g2); Vector512.Store(Vector512.FusedMultiplyAdd(s, v2, u2), u + 2 * W); }
            if (n > 3) { g3 = Vector512.FusedMultiplyAdd(s, u3, g3); Vector512.Store(Vector512.FusedMultiplyAdd(s, v3, u3), u + 3 * W); }
            if (n > 4) { g4 = Vector512.FusedMultiplyAdd(s, u4, g4); Vector512.Store(Vector512.FusedMultiplyAdd(s, v4, u4), u + 4 * W); }
            if (n > 5) { g5 = Vector512.FusedMultiplyAdd(s, u5, g5); Vector512.Store(Vector512.FusedMultiplyAdd(s, v5, u5), u + 5 * W); }
            if (n > 6) { g6 = Vector512.FusedMultiplyAdd(s, u6, g6); Vector512.Store(Vector512.FusedMultiplyAdd(s, v6, u6), u + 6 * W); }
            if (n > 7) { g7 = Vector512.FusedMultiplyAdd(s, u7, g7); Vector512.Store(Vector512.FusedMultiplyAdd(s, v7, u7), u + 7 * W); }
        }
        // Hogwild: re-read v (another thread may have written it) only as word2vec.c does, by adding.
        Vector512.Store(Vector512.Load(v) + g0, v);
        if (n > 1) Vector512.Store(Vector512.Load(v + W) + g1, v + W);
        if (n > 2) Vector512.Store(Vector512.Load(v + 2 * W) + g2, v + 2 * W);
        if (n > 3) Vector512.Store(Vector512.Load(v + 3 * W) + g3, v + 3 * W);
        if (n > 4) Vector512.Store(Vector512.Load(v + 4 * W) + g4, v + 4 * W);
        if (n > 5) Vector512.Store(Vector512.Load(v + 5 * W) + g5, v + 5 * W);
        if (n > 6) Vector512.Store(Vector512.Load(v + 6 * W) + g6, v + 6 * W);
        if (n > 7) Vector512.Store(Vector512.Load(v + 7 * W) + g7, v + 7 * W);
        return loss;
    }
}
