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
/// <item><see cref="WeightedSums"/>: out_i (+)= Σ_j w[i, j]·x_j, blocked for the register file of the
/// instruction set (row strips in registers on AVX-512, weights in registers on AVX2).</item>
/// </list>
/// </summary>
internal static unsafe class BlockedProducts<TVec> where TVec : struct, IFloatVector<TVec>
{
    /// <summary>
    /// Lane j = u · rows[j] for j &lt; <paramref name="count"/> (at most 8), 0 above: only the rows present
    /// are read and multiplied (a window of 2 contexts costs 2 rows, not 8).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Scores8(float* u, float** rows, int count, int stride) => count switch
    {
        >= 8 => Scores<Rows8>(u, rows, stride),
        7 => Scores<Rows7>(u, rows, stride),
        6 => Scores<Rows6>(u, rows, stride),
        5 => Scores<Rows5>(u, rows, stride),
        4 => Scores<Rows4>(u, rows, stride),
        3 => Scores<Rows3>(u, rows, stride),
        2 => Scores<Rows2>(u, rows, stride),
        _ => Scores<Rows1>(u, rows, stride),
    };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Vector256<float> Scores<TRows>(float* u, float** rows, int stride) where TRows : struct, ITileHeight
    {
        int n = TRows.Rows;
        float* r0 = rows[0], r1 = n > 1 ? rows[1] : null, r2 = n > 2 ? rows[2] : null, r3 = n > 3 ? rows[3] : null;
        float* r4 = n > 4 ? rows[4] : null, r5 = n > 5 ? rows[5] : null, r6 = n > 6 ? rows[6] : null,
            r7 = n > 7 ? rows[7] : null;
        TVec a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default,
            a7 = default;
        for (int k = 0; k < stride; k += TVec.Count)
        {
            TVec x = TVec.Load(u + k);
            a0 = TVec.MultiplyAdd(TVec.Load(r0 + k), x, a0);
            if (n > 1) a1 = TVec.MultiplyAdd(TVec.Load(r1 + k), x, a1);
            if (n > 2) a2 = TVec.MultiplyAdd(TVec.Load(r2 + k), x, a2);
            if (n > 3) a3 = TVec.MultiplyAdd(TVec.Load(r3 + k), x, a3);
            if (n > 4) a4 = TVec.MultiplyAdd(TVec.Load(r4 + k), x, a4);
            if (n > 5) a5 = TVec.MultiplyAdd(TVec.Load(r5 + k), x, a5);
            if (n > 6) a6 = TVec.MultiplyAdd(TVec.Load(r6 + k), x, a6);
            if (n > 7) a7 = TVec.MultiplyAdd(TVec.Load(r7 + k), x, a7);
        }
        return TVec.Sum8(a0, a1, a2, a3, a4, a5, a6, a7);
    }

    /// <summary>Lane j = a[j] · b[j], j &lt; 8: eight separate dot products (pad with zero rows).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> PairScores8(float** a, float** b, int stride)
    {
        float* x0 = a[0], x1 = a[1], x2 = a[2], x3 = a[3], x4 = a[4], x5 = a[5], x6 = a[6], x7 = a[7];
        float* y0 = b[0], y1 = b[1], y2 = b[2], y3 = b[3], y4 = b[4], y5 = b[5], y6 = b[6], y7 = b[7];
        TVec a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default,
            a7 = default;
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
    /// weights are read transposed, so one step matrix serves G·V and Gᵀ·U. Two blockings, chosen by the
    /// register file (each was tried against the other on both):
    /// <list type="bullet">
    /// <item>AVX-512 (32 registers): tiles of 2 outputs × a strip of up to 8 vectors, the whole row in
    /// registers up to d = 128 while every input is read once, which the other blocking cannot do;</item>
    /// <item>AVX2 (16 registers): one output's weights for up to 8 inputs held in registers as broadcasts,
    /// streaming the row a vector at a time with memory-operand FMAs: fewer instructions per FMA than
    /// strips, which 16 registers keep short.</item>
    /// </list>
    /// </summary>
    public static void WeightedSums(float* w, int rowStep, int colStep, float** x, int inputs, float** output,
        int outputs, int stride, bool store)
    {
        if (TVec.Registers < 32)
        {
            BroadcastSums(w, rowStep, colStep, x, inputs, output, outputs, stride, store);
            return;
        }
        int vectors = stride / TVec.Count, strip = StripVectors, whole = vectors / strip * strip;
        for (int i = 0; i < outputs; i += 2)
        {
            float* wi = w + i * rowStep;
            float** oi = output + i;
            bool pair = i + 1 < outputs;
            for (int v = 0; v < whole; v += strip)
            {
                int k = v * TVec.Count;
                Strip<Rows8>(wi, rowStep, colStep, x, inputs, oi, pair, k, store);
            }
            int rest = vectors - whole, at = whole * TVec.Count;
            switch (rest)
            {
                case 7: Strip<Rows7>(wi, rowStep, colStep, x, inputs, oi, pair, at, store); break;
                case 6: Strip<Rows6>(wi, rowStep, colStep, x, inputs, oi, pair, at, store); break;
                case 5: Strip<Rows5>(wi, rowStep, colStep, x, inputs, oi, pair, at, store); break;
                case 4: Strip<Rows4>(wi, rowStep, colStep, x, inputs, oi, pair, at, store); break;
                case 3: Strip<Rows3>(wi, rowStep, colStep, x, inputs, oi, pair, at, store); break;
                case 2: Strip<Rows2>(wi, rowStep, colStep, x, inputs, oi, pair, at, store); break;
                case 1: Strip<Rows1>(wi, rowStep, colStep, x, inputs, oi, pair, at, store); break;
            }
        }
    }

    /// <summary>Vectors per strip: 2 outputs × the strip are the accumulators (16 of 32 zmm).</summary>
    private const int StripVectors = 8;

    private static void BroadcastSums(float* w, int rowStep, int colStep, float** x, int inputs, float** output,
        int outputs, int stride, bool store)
    {
        if (inputs == 0 && store) // no input: a stored sum is zero (as the strips store it)
            for (int i = 0; i < outputs; i++) new Span<float>(output[i], stride).Clear();
        for (int i = 0; i < outputs; i++)
            for (int j = 0; j < inputs; j += 8)
            {
                float* wi = w + i * rowStep + j * colStep;
                bool replace = store && j == 0;
                switch (Math.Min(8, inputs - j))
                {
                    case 8: BroadcastRow<Rows8>(wi, colStep, x + j, output[i], stride, replace); break;
                    case 7: BroadcastRow<Rows7>(wi, colStep, x + j, output[i], stride, replace); break;
                    case 6: BroadcastRow<Rows6>(wi, colStep, x + j, output[i], stride, replace); break;
                    case 5: BroadcastRow<Rows5>(wi, colStep, x + j, output[i], stride, replace); break;
                    case 4: BroadcastRow<Rows4>(wi, colStep, x + j, output[i], stride, replace); break;
                    case 3: BroadcastRow<Rows3>(wi, colStep, x + j, output[i], stride, replace); break;
                    case 2: BroadcastRow<Rows2>(wi, colStep, x + j, output[i], stride, replace); break;
                    default: BroadcastRow<Rows1>(wi, colStep, x + j, output[i], stride, replace); break;
                }
            }
    }

    /// <summary>o (+)= Σ_q w[q·colStep]·x[q] for TInputs inputs, the weights in registers; two partial sums halve
    /// the FMA chain.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BroadcastRow<TInputs>(float* w, int colStep, float** x, float* o, int stride, bool store)
        where TInputs : struct, ITileHeight
    {
        int n = TInputs.Rows;
        TVec s0 = TVec.Broadcast(w[0]), s1 = n > 1 ? TVec.Broadcast(w[colStep]) : default,
            s2 = n > 2 ? TVec.Broadcast(w[2 * colStep]) : default;
        TVec s3 = n > 3 ? TVec.Broadcast(w[3 * colStep]) : default,
            s4 = n > 4 ? TVec.Broadcast(w[4 * colStep]) : default;
        TVec s5 = n > 5 ? TVec.Broadcast(w[5 * colStep]) : default,
            s6 = n > 6 ? TVec.Broadcast(w[6 * colStep]) : default;
        TVec s7 = n > 7 ? TVec.Broadcast(w[7 * colStep]) : default;
        float* x0 = x[0], x1 = n > 1 ? x[1] : null, x2 = n > 2 ? x[2] : null, x3 = n > 3 ? x[3] : null;
        float* x4 = n > 4 ? x[4] : null, x5 = n > 5 ? x[5] : null, x6 = n > 6 ? x[6] : null, x7 = n > 7 ? x[7] : null;
        for (int k = 0; k < stride; k += TVec.Count)
        {
            TVec a = TVec.Multiply(s0, TVec.Load(x0 + k));
            TVec b = n > 1 ? TVec.Multiply(s1, TVec.Load(x1 + k)) : default;
            if (n > 2) a = TVec.MultiplyAdd(s2, TVec.Load(x2 + k), a);
            if (n > 3) b = TVec.MultiplyAdd(s3, TVec.Load(x3 + k), b);
            if (n > 4) a = TVec.MultiplyAdd(s4, TVec.Load(x4 + k), a);
            if (n > 5) b = TVec.MultiplyAdd(s5, TVec.Load(x5 + k), b);
            if (n > 6) a = TVec.MultiplyAdd(s6, TVec.Load(x6 + k), a);
            if (n > 7) b = TVec.MultiplyAdd(s7, TVec.Load(x7 + k), b);
            if (n > 1) a = TVec.Add(a, b);
            TVec.Store(store ? a : TVec.Add(TVec.Load(o + k), a), o + k);
        }
    }

    /// <summary>y = g·x (<paramref name="store"/>) or y += g·x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddScaled(float* y, float g, float* x, int stride, bool store)
    {
        TVec s = TVec.Broadcast(g);
        for (int k = 0; k < stride; k += TVec.Count)
            TVec.Store(store ? TVec.Multiply(s, TVec.Load(x + k))
                : TVec.MultiplyAdd(s, TVec.Load(x + k), TVec.Load(y + k)), y + k);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Put(float* p, TVec value, bool store) =>
        TVec.Store(store ? value : TVec.Add(TVec.Load(p), value), p);

    /// <summary>
    /// One or two outputs (<paramref name="pair"/>) × TWidth vectors from float k: every input's strip is
    /// loaded once and feeds both outputs' accumulators, which stay in registers until the end.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Strip<TWidth>(float* w, int rowStep, int colStep, float** x, int inputs, float** output,
        bool pair, int k, bool store)
        where TWidth : struct, ITileHeight
    {
        int n = TWidth.Rows, c = TVec.Count;
        TVec a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default,
            a7 = default;
        TVec b0 = default, b1 = default, b2 = default, b3 = default, b4 = default, b5 = default, b6 = default,
            b7 = default;
        float* wj = w;
        if (pair)
        {
            for (int j = 0; j < inputs; j++, wj += colStep)
            {
                float* xj = x[j] + k;
                TVec s = TVec.Broadcast(wj[0]), t = TVec.Broadcast(wj[rowStep]), p;
                p = TVec.Load(xj); a0 = TVec.MultiplyAdd(s, p, a0); b0 = TVec.MultiplyAdd(t, p, b0);
                if (n > 1)
                    { p = TVec.Load(xj + c); a1 = TVec.MultiplyAdd(s, p, a1); b1 = TVec.MultiplyAdd(t, p, b1); }
                if (n > 2)
                    { p = TVec.Load(xj + 2 * c); a2 = TVec.MultiplyAdd(s, p, a2); b2 = TVec.MultiplyAdd(t, p, b2); }
                if (n > 3)
                    { p = TVec.Load(xj + 3 * c); a3 = TVec.MultiplyAdd(s, p, a3); b3 = TVec.MultiplyAdd(t, p, b3); }
                if (n > 4)
                    { p = TVec.Load(xj + 4 * c); a4 = TVec.MultiplyAdd(s, p, a4); b4 = TVec.MultiplyAdd(t, p, b4); }
                if (n > 5)
                    { p = TVec.Load(xj + 5 * c); a5 = TVec.MultiplyAdd(s, p, a5); b5 = TVec.MultiplyAdd(t, p, b5); }
                if (n > 6)
                    { p = TVec.Load(xj + 6 * c); a6 = TVec.MultiplyAdd(s, p, a6); b6 = TVec.MultiplyAdd(t, p, b6); }
                if (n > 7)
                    { p = TVec.Load(xj + 7 * c); a7 = TVec.MultiplyAdd(s, p, a7); b7 = TVec.MultiplyAdd(t, p, b7); }
            }
            PutStrip<TWidth>(output[1] + k, b0, b1, b2, b3, b4, b5, b6, b7, store);
        }
        else
        {
            for (int j = 0; j < inputs; j++, wj += colStep)
            {
                float* xj = x[j] + k;
                TVec s = TVec.Broadcast(wj[0]);
                a0 = TVec.MultiplyAdd(s, TVec.Load(xj), a0);
                if (n > 1) a1 = TVec.MultiplyAdd(s, TVec.Load(xj + c), a1);
                if (n > 2) a2 = TVec.MultiplyAdd(s, TVec.Load(xj + 2 * c), a2);
                if (n > 3) a3 = TVec.MultiplyAdd(s, TVec.Load(xj + 3 * c), a3);
                if (n > 4) a4 = TVec.MultiplyAdd(s, TVec.Load(xj + 4 * c), a4);
                if (n > 5) a5 = TVec.MultiplyAdd(s, TVec.Load(xj + 5 * c), a5);
                if (n > 6) a6 = TVec.MultiplyAdd(s, TVec.Load(xj + 6 * c), a6);
                if (n > 7) a7 = TVec.MultiplyAdd(s, TVec.Load(xj + 7 * c), a7);
            }
        }
        PutStrip<TWidth>(output[0] + k, a0, a1, a2, a3, a4, a5, a6, a7, store);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PutStrip<TWidth>(float* o, TVec a0, TVec a1, TVec a2, TVec a3, TVec a4, TVec a5, TVec a6,
        TVec a7, bool store)
        where TWidth : struct, ITileHeight
    {
        int n = TWidth.Rows, c = TVec.Count;
        Put(o, a0, store);
        if (n > 1) Put(o + c, a1, store);
        if (n > 2) Put(o + 2 * c, a2, store);
        if (n > 3) Put(o + 3 * c, a3, store);
        if (n > 4) Put(o + 4 * c, a4, store);
        if (n > 5) Put(o + 5 * c, a5, store);
        if (n > 6) Put(o + 6 * c, a6, store);
        if (n > 7) Put(o + 7 * c, a7, store);
    }
}
