using FastW2V.Storage;
using System.Runtime.CompilerServices;
using FastW2V.Kernels;
using FastW2V.Kernels.Blocked;

namespace FastW2V.Evaluation;

/// <summary>
/// Word vectors rearranged for scoring many queries at once: panels of <see cref="Width"/> rows (one
/// vector register's lanes), each stored dimension-major (for every dimension k, the k-th values of
/// the panel's rows side by side). One load then holds one dimension of a panel, and a query's k-th
/// value broadcast against it advances that many dot products at once: the query block's scores build
/// up in registers with no horizontal sum (a blocked matrix product). Each score adds its terms in
/// dimension order, with FMA, exactly as compute-accuracy's scalar loop does when compiled with
/// contraction, so argmax ties break alike. Rows past the end are zero.
/// </summary>
internal sealed unsafe class RowPanels : IDisposable
{
    private readonly AlignedBuffer _buffer;

    public int Width { get; }
    public int Rows { get; }
    public int Panels { get; }
    public int Dimension { get; }

    public RowPanels(EmbeddingMatrix unit, int rows, int width)
    {
        Width = width;
        Rows = rows;
        Dimension = unit.Dimension;
        Panels = (rows + width - 1) / width;
        _buffer = new AlignedBuffer((long)Panels * Dimension * width * sizeof(float));
        float* data = (float*)_buffer.Pointer;
        Parallel.For(0, Panels, p =>
        {
            float* panel = data + (long)p * Dimension * width;
            for (int lane = 0; lane < width && p * width + lane < rows; lane++)
            {
                float* row = unit.Row(p * width + lane);
                for (int k = 0; k < Dimension; k++) panel[k * width + lane] = row[k];
            }
        });
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float* Panel(int p) => (float*)_buffer.Pointer + (long)p * Dimension * Width;

    /// <summary>
    /// Queries per block: 2 panels × queries accumulators, plus two panel loads and a broadcast, fill the
    /// register file (8 queries: 19 of 32 zmm; 6 queries: 15 of 16 ymm). Inlined, so the score loop sees
    /// a constant and the absent queries' accumulators compile away (as a call it spilled two of them).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int QueryBlock<TVec>() where TVec : struct, IFloatVector<TVec> => TVec.Registers >= 32 ? 8 : 6;

    /// <summary>
    /// Scores of a block of queries (rows of <paramref name="queries"/>, <paramref name="queryStride"/>
    /// apart) against panels p … p + TPanels.Rows − 1: <paramref name="scores"/>[(i·Q + q)·W + lane] =
    /// query q · row ((p + i)·W + lane). Two panels per pass give each broadcast two FMAs and twice the
    /// independent accumulators, so the FMA latency is hidden instead of waited for.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Score<TVec, TPanels>(float* queries, int queryStride, int p, float* scores)
        where TVec : struct, IFloatVector<TVec> where TPanels : struct, ITileHeight
    {
        int w = TVec.Count, q = QueryBlock<TVec>();
        bool two = TPanels.Rows > 1;
        float* x = Panel(p), y = two ? Panel(p + 1) : null;
        float* q0 = queries, q1 = q0 + queryStride, q2 = q1 + queryStride, q3 = q2 + queryStride;
        float* q4 = q3 + queryStride, q5 = q4 + queryStride, q6 = q5 + queryStride, q7 = q6 + queryStride;
        TVec a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default,
            a7 = default;
        TVec b0 = default, b1 = default, b2 = default, b3 = default, b4 = default, b5 = default, b6 = default,
            b7 = default;
        for (int k = 0, d = Dimension; k < d; k++)
        {
            TVec u = TVec.Load(x + k * w), v = two ? TVec.Load(y + k * w) : default, s;
            s = TVec.Broadcast(q0[k]); a0 = TVec.MultiplyAdd(s, u, a0); if (two) b0 = TVec.MultiplyAdd(s, v, b0);
            s = TVec.Broadcast(q1[k]); a1 = TVec.MultiplyAdd(s, u, a1); if (two) b1 = TVec.MultiplyAdd(s, v, b1);
            s = TVec.Broadcast(q2[k]); a2 = TVec.MultiplyAdd(s, u, a2); if (two) b2 = TVec.MultiplyAdd(s, v, b2);
            s = TVec.Broadcast(q3[k]); a3 = TVec.MultiplyAdd(s, u, a3); if (two) b3 = TVec.MultiplyAdd(s, v, b3);
            if (q > 4)
            {
                s = TVec.Broadcast(q4[k]); a4 = TVec.MultiplyAdd(s, u, a4); if (two) b4 = TVec.MultiplyAdd(s, v, b4);
                s = TVec.Broadcast(q5[k]); a5 = TVec.MultiplyAdd(s, u, a5); if (two) b5 = TVec.MultiplyAdd(s, v, b5);
            }
            if (q > 6)
            {
                s = TVec.Broadcast(q6[k]); a6 = TVec.MultiplyAdd(s, u, a6); if (two) b6 = TVec.MultiplyAdd(s, v, b6);
                s = TVec.Broadcast(q7[k]); a7 = TVec.MultiplyAdd(s, u, a7); if (two) b7 = TVec.MultiplyAdd(s, v, b7);
            }
        }
        TVec.Store(a0, scores); TVec.Store(a1, scores + w); TVec.Store(a2, scores + 2 * w);
        TVec.Store(a3, scores + 3 * w);
        if (q > 4) { TVec.Store(a4, scores + 4 * w); TVec.Store(a5, scores + 5 * w); }
        if (q > 6) { TVec.Store(a6, scores + 6 * w); TVec.Store(a7, scores + 7 * w); }
        if (!two) return;
        float* s2 = scores + q * w;
        TVec.Store(b0, s2); TVec.Store(b1, s2 + w); TVec.Store(b2, s2 + 2 * w); TVec.Store(b3, s2 + 3 * w);
        if (q > 4) { TVec.Store(b4, s2 + 4 * w); TVec.Store(b5, s2 + 5 * w); }
        if (q > 6) { TVec.Store(b6, s2 + 6 * w); TVec.Store(b7, s2 + 7 * w); }
    }

    public void Dispose() => _buffer.Dispose();
}
