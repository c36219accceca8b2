using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastW2V.Kernels.Blocked;

/// <summary>
/// The small matrix products of batched training, register-blocked in strips over the dimension so any
/// row length works on any register file (a d = 100 row is 13 AVX2 registers: it cannot stay in 16).
/// Rows are given as pointer arrays (rows of the embedding matrices, gathered by word id) and are
/// <c>stride</c> floats long, a multiple of 16, so strips of one or two vectors never need a scalar tail.
/// <list type="bullet">
/// <item><see cref="Scores8"/>: one row against 8 rows, 8 accumulators over the strip, then one
/// transpose-tree reduction (<see cref="IFloatVector{TVec}.Sum8"/>) gives the 8 dot products in one register.</item>
/// <item><see cref="WeightedSums"/>: out_i (+)= Σ_j w[i, j]·x_j, tiles of up to 4 outputs × 2 vectors
/// (8 accumulators, enough independent FMA chains to hide the 4-cycle latency at 2 FMAs per cycle); each
/// loaded x strip feeds every output of the tile.</item>
/// </list>
/// </summary>
internal static unsafe class BlockedProducts<TVec> where TVec : struct, IFloatVector<TVec>
{
    /// <summary>Lane j = u · rows[j], j &lt; 8 (pad short lists with a zero row).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Scores8(float* u, float** rows, int stride)
    {
        float* r0 = rows[0], r1 = rows[1], r2 = rows[2], r3 = rows[3], r4 = rows[4], r5 = rows[5], r6 = rows[6], r7 = rows[7];
        TVec a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
        for (int k = 0; k < stride; k += TVec.Count)
        {
            TVec x = TVec.Load(u + k);
            a0 = TVec.MultiplyAdd(TVec.Load(r0 + k), x, a0);
            a1 = TVec.MultiplyAdd(TVec.Load(r1 + k), x, a1);
            a2 = TVec.MultiplyAdd(TVec.Load(r2 + k), x, a2);
            a3 = TVec.MultiplyAdd(TVec.Load(r3 + k), x, a3);
            a4 = TVec.MultiplyAdd(TVec.Load(r4 + k), x, a4);
            a5 = TVec.MultiplyAdd(TVec.Load(r5 + k), x, a5);
            a6 = TVec.MultiplyAdd(TVec.Load(r6 + k), x, a6);
            a7 = TVec.MultiplyAdd(TVec.Load(r7 + k), x, a7);
        }
        return TVec.Sum8(a0, a1, a2, a3, a4, a5, a6, a7);
    }

    /// <summary>Lane j = a[j] · b[j], j &lt; 8: eight separate dot products (pad with zero rows).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> PairScores8(float** a, float** b, int stride)
    {
        float* x0 = a[0], x1 = a[1], x2 = a[2], x3 = a[3], x4 = a[4], x5 = a[5], x6 = a[6], x7 = a[7];
        float* y0 = b[0], y1 = b[1], y2 = b[2], y3 = b[3], y4 = b[4], y5 = b[5], y6 = b[6], y7 = b[7];
        TVec a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
        for (int k = 0; k < stride; k += TVec.Count)
        {
            a0 = TVec.MultiplyAdd(TVec.Load(x0 + k), TVec.Load(y0 + k), a0);
            a1 = TVec.MultiplyAdd(TVec.Load(x1 + k), TVec.Load(y1 + k), a1);
            a2 = TVec.MultiplyAdd(TVec.Load(x2 + k), TVec.Load(y2 + k), a2);
            a3 = TVec.MultiplyAdd(TVec.Load(x3 + k), TVec.Load(y3 + k), a3);
            a4 = TVec.MultiplyAdd(TVec.Load(x4 + k), TVec.Load(y4 + k), a4);
            a5 = TVec.MultiplyAdd(TVec.Load(x5 + k), TVec.Load(y5 + k), a5);
            a6 = TVec.MultiplyAdd(TVec.Load(x6 + k), TVec.Load(y6 + k), a6);
            a7 = TVec.MultiplyAdd(TVec.Load(x7 + k), TVec.Load(y7 + k), a7);
        }
        return TVec.Sum8(a0, a1, a2, a3, a4, a5, a6, a7);
    }

    /// <summary>
    /// out[i] = Σ_j w[i·rowStep + j·colStep]·x[j] for i &lt; outputs, j &lt; inputs, stored
    /// (<paramref name="store"/>) or added to what out[i] holds. With rowStep 1 and colStep n the
    /// weights are read transposed, so one step matrix serves G·V and Gᵀ·U.
    /// </summary>
    public static void WeightedSums(float* w, int rowStep, int colStep, float** x, int inputs, float** output, int outputs, int stride, bool store)
    {
        int i = 0;
        for (; i + 4 <= outputs; i += 4) Tile<Rows4>(w + i * rowStep, rowStep, colStep, x, inputs, output + i, stride, store);
        switch (outputs - i)
        {
            case 3: Tile<Rows3>(w + i * rowStep, rowStep, colStep, x, inputs, output + i, stride, store); break;
            case 2: Tile<Rows2>(w + i * rowStep, rowStep, colStep, x, inputs, output + i, stride, store); break;
            case 1: Tile<Rows1>(w + i * rowStep, rowStep, colStep, x, inputs, output + i, stride, store); break;
        }
    }

    /// <summary>y = g·x (<paramref name="store"/>) or y += g·x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddScaled(float* y, float g, float* x, int stride, bool store)
    {
        TVec s = TVec.Broadcast(g);
        for (int k = 0; k < stride; k += TVec.Count)
            TVec.Store(store ? TVec.Multiply(s, TVec.Load(x + k)) : TVec.MultiplyAdd(s, TVec.Load(x + k), TVec.Load(y + k)), y + k);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Put(float* p, TVec value, bool store) => TVec.Store(store ? value : TVec.Add(TVec.Load(p), value), p);

    /// <summary>THeight outputs × 2 vectors per step over the strip; a one-vector step finishes an odd row length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile<THeight>(float* w, int rowStep, int colStep, float** x, int inputs, float** output, int stride, bool store)
        where THeight : struct, ITileHeight
    {
        int h = THeight.Rows, width = TVec.Count;
        float* o0 = output[0], o1 = h > 1 ? output[1] : null, o2 = h > 2 ? output[2] : null, o3 = h > 3 ? output[3] : null;
        int k = 0;
        for (; k + 2 * width <= stride; k += 2 * width)
        {
            TVec a0 = default, b0 = default, a1 = default, b1 = default, a2 = default, b2 = default, a3 = default, b3 = default;
            float* wj = w;
            for (int j = 0; j < inputs; j++, wj += colStep)
            {
                float* xj = x[j] + k;
                TVec p = TVec.Load(xj), q = TVec.Load(xj + width);
                TVec s = TVec.Broadcast(wj[0]);
                a0 = TVec.MultiplyAdd(s, p, a0); b0 = TVec.MultiplyAdd(s, q, b0);
                if (h > 1) { s = TVec.Broadcast(wj[rowStep]); a1 = TVec.MultiplyAdd(s, p, a1); b1 = TVec.MultiplyAdd(s, q, b1); }
                if (h > 2) { s = TVec.Broadcast(wj[2 * rowStep]); a2 = TVec.MultiplyAdd(s, p, a2); b2 = TVec.MultiplyAdd(s, q, b2); }
                if (h > 3) { s = TVec.Broadcast(wj[3 * rowStep]); a3 = TVec.MultiplyAdd(s, p, a3); b3 = TVec.MultiplyAdd(s, q, b3); }
            }
            Put(o0 + k, a0, store); Put(o0 + k + width, b0, store);
            if (h > 1) { Put(o1 + k, a1, store); Put(o1 + k + width, b1, store); }
            if (h > 2) { Put(o2 + k, a2, store); Put(o2 + k + width, b2, store); }
            if (h > 3) { Put(o3 + k, a3, store); Put(o3 + k + width, b3, store); }
        }
        if (k < stride)
        {
            TVec a0 = default, a1 = default, a2 = default, a3 = default;
            float* wj = w;
            for (int j = 0; j < inputs; j++, wj += colStep)
            {
                TVec p = TVec.Load(x[j] + k);
                a0 = TVec.MultiplyAdd(TVec.Broadcast(wj[0]), p, a0);
                if (h > 1) a1 = TVec.MultiplyAdd(TVec.Broadcast(wj[rowStep]), p, a1);
                if (h > 2) a2 = TVec.MultiplyAdd(TVec.Broadcast(wj[2 * rowStep]), p, a2);
                if (h > 3) a3 = TVec.MultiplyAdd(TVec.Broadcast(wj[3 * rowStep]), p, a3);
            }
            Put(o0 + k, a0, store);
            if (h > 1) Put(o1 + k, a1, store);
            if (h > 2) Put(o2 + k, a2, store);
            if (h > 3) Put(o3 + k, a3, store);
        }
    }
}
