using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using FastW2V.Kernels;
using Vec = System.Runtime.Intrinsics.Vector512<float>;

namespace FastW2V.Evaluation;

/// <summary>
/// Word vectors rearranged for scoring many queries at once: panels of 16 rows, each stored
/// dimension-major (for every dimension k, the k-th values of the panel's 16 rows side by side). One
/// Vector512 load then holds one dimension of 16 words, and a query's k-th value broadcast against it
/// advances 16 dot products at once: the query block's scores build up in registers with no horizontal
/// sum, one fused multiply-add per 16 multiply-adds (a blocked matrix product). Each score adds its
/// terms in dimension order, with FMA, exactly as compute-accuracy's scalar loop does when compiled
/// with contraction, so argmax ties break alike. Rows past the end are zero.
/// </summary>
public sealed unsafe class RowPanels : IDisposable
{
    public const int Width = 16;
    public const int QueryBlock = 8;
    private readonly AlignedBuffer _buffer;

    public int Rows { get; }
    public int Panels { get; }
    public int Dimension { get; }

    public RowPanels(EmbeddingMatrix unit, int rows)
    {
        Rows = rows;
        Dimension = unit.Dimension;
        Panels = (rows + Width - 1) / Width;
        _buffer = new AlignedBuffer((long)Panels * Dimension * Width * sizeof(float));
        float* data = (float*)_buffer.Pointer;
        Parallel.For(0, Panels, p =>
        {
            float* panel = data + (long)p * Dimension * Width;
            for (int lane = 0; lane < Width && p * Width + lane < rows; lane++)
            {
                float* row = unit.Row(p * Width + lane);
                for (int k = 0; k < Dimension; k++) panel[k * Width + lane] = row[k];
            }
        });
    }

    public float* Panel(int p) => (float*)_buffer.Pointer + (long)p * Dimension * Width;

    /// <summary>
    /// Scores of 8 queries (rows of <paramref name="queries"/>, <paramref name="queryStride"/> apart)
    /// against panel <paramref name="p"/>: <paramref name="scores"/>[q·16 + lane] = query q · row (16p + lane).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Score8(float* queries, int queryStride, int p, float* scores)
    {
        float* panel = Panel(p);
        float* q0 = queries, q1 = q0 + queryStride, q2 = q1 + queryStride, q3 = q2 + queryStride;
        float* q4 = q3 + queryStride, q5 = q4 + queryStride, q6 = q5 + queryStride, q7 = q6 + queryStride;
        Vec a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
        for (int k = 0; k < Dimension; k++)
        {
            var column = Vector512.Load(panel + k * Width);
            a0 = Vector512.FusedMultiplyAdd(Vector512.Create(q0[k]), column, a0);
            a1 = Vector512.FusedMultiplyAdd(Vector512.Create(q1[k]), column, a1);
            a2 = Vector512.FusedMultiplyAdd(Vector512.Create(q2[k]), column, a2);
            a3 = Vector512.FusedMultiplyAdd(Vector512.Create(q3[k]), column, a3);
            a4 = Vector512.FusedMultiplyAdd(Vector512.Create(q4[k]), column, a4);
            a5 = Vector512.FusedMultiplyAdd(Vector512.Create(q5[k]), column, a5);
            a6 = Vector512.FusedMultiplyAdd(Vector512.Create(q6[k]), column, a6);
            a7 = Vector512.FusedMultiplyAdd(Vector512.Create(q7[k]), column, a7);
        }
        Vector512.Store(a0, scores);
        Vector512.Store(a1, scores + Width);
        Vector512.Store(a2, scores + 2 * Width);
        Vector512.Store(a3, scores + 3 * Width);
        Vector512.Store(a4, scores + 4 * Width);
        Vector512.Store(a5, scores + 5 * Width);
        Vector512.Store(a6, scores + 6 * Width);
        Vector512.Store(a7, scores + 7 * Width);
    }

    /// <summary>
    /// <see cref="Score8"/> for panels p and p + 1 at once: 16 accumulators instead of 8, so the FMA
    /// latency (4 cycles) never waits (8 chains only just cover 2 FMAs per cycle; measured 2× faster).
    /// Scores of panel p + 1 follow those of panel p (8 × 16 floats later).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Score8x2(float* queries, int queryStride, int p, float* scores)
    {
        float* panel = Panel(p), next = Panel(p + 1);
        float* q0 = queries, q1 = q0 + queryStride, q2 = q1 + queryStride, q3 = q2 + queryStride;
        float* q4 = q3 + queryStride, q5 = q4 + queryStride, q6 = q5 + queryStride, q7 = q6 + queryStride;
        Vec a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
        Vec b0 = default, b1 = default, b2 = default, b3 = default, b4 = default, b5 = default, b6 = default, b7 = default;
        for (int k = 0; k < Dimension; k++)
        {
            var x = Vector512.Load(panel + k * Width);
            var y = Vector512.Load(next + k * Width);
            var s0 = Vector512.Create(q0[k]); a0 = Vector512.FusedMultiplyAdd(s0, x, a0); b0 = Vector512.FusedMultiplyAdd(s0, y, b0);
            var s1 = Vector512.Create(q1[k]); a1 = Vector512.FusedMultiplyAdd(s1, x, a1); b1 = Vector512.FusedMultiplyAdd(s1, y, b1);
            var s2 = Vector512.Create(q2[k]); a2 = Vector512.FusedMultiplyAdd(s2, x, a2); b2 = Vector512.FusedMultiplyAdd(s2, y, b2);
            var s3 = Vector512.Create(q3[k]); a3 = Vector512.FusedMultiplyAdd(s3, x, a3); b3 = Vector512.FusedMultiplyAdd(s3, y, b3);
            var s4 = Vector512.Create(q4[k]); a4 = Vector512.FusedMultiplyAdd(s4, x, a4); b4 = Vector512.FusedMultiplyAdd(s4, y, b4);
            var s5 = Vector512.Create(q5[k]); a5 = Vector512.FusedMultiplyAdd(s5, x, a5); b5 = Vector512.FusedMultiplyAdd(s5, y, b5);
            var s6 = Vector512.Create(q6[k]); a6 = Vector512.FusedMultiplyAdd(s6, x, a6); b6 = Vector512.FusedMultiplyAdd(s6, y, b6);
            var s7 = Vector512.Create(q7[k]); a7 = Vector512.FusedMultiplyAdd(s7, x, a7); b7 = Vector512.FusedMultiplyAdd(s7, y, b7);
        }
        Vector512.Store(a0, scores); Vector512.Store(a1, scores + Width); Vector512.Store(a2, scores + 2 * Width); Vector512.Store(a3, scores + 3 * Width);
        Vector512.Store(a4, scores + 4 * Width); Vector512.Store(a5, scores + 5 * Width); Vector512.Store(a6, scores + 6 * Width); Vector512.Store(a7, scores + 7 * Width);
        float* s = scores + QueryBlock * Width;
        Vector512.Store(b0, s); Vector512.Store(b1, s + Width); Vector512.Store(b2, s + 2 * Width); Vector512.Store(b3, s + 3 * Width);
        Vector512.Store(b4, s + 4 * Width); Vector512.Store(b5, s + 5 * Width); Vector512.Store(b6, s + 6 * Width); Vector512.Store(b7, s + 7 * Width);
    }

    public void Dispose() => _buffer.Dispose();
}
