using FastW2V.Storage;
using FastW2V.Formats;
using FastW2V.Kernels;

namespace FastW2V.Evaluation;

/// <summary>
/// The first rows of a vector set scaled to unit length (a zero vector stays zero), for cosine queries.
/// The length is computed as compute-accuracy does (float sum of squares in order, square root, then a
/// division per element), so the unit vectors are the same to the bit: with each square fused into the
/// sum (<c>fused</c>, the C loop compiled with contraction) or rounded before it (without;
/// GCC 12's -O3 -march=native build of word2vec.c's tools multiplies 8 at a time and adds them in order).
/// </summary>
internal static class UnitVectors
{
    public static EmbeddingMatrix Normalize(WordVectors vectors, int rows, bool fused = true)
    {
        var unit = new EmbeddingMatrix(rows, vectors.Dimension);
        Parallel.For(0, rows, i =>
        {
            var src = vectors.Vectors.RowSpan(i);
            float length = 0;
            if (fused)
                foreach (float x in src) length = MathF.FusedMultiplyAdd(x, x, length);
            else
                foreach (float x in src) length += x * x;
            float norm = (float)Math.Sqrt(length);
            var dst = unit.RowSpan(i);
            if (norm > 0 && float.IsFinite(norm) && float.IsNormal(norm))
                for (int j = 0; j < src.Length; j++) dst[j] = src[j] / norm;
            else ScaledNormalize(src, dst);
        });
        return unit;
    }

    /// <summary>
    /// A row whose squares overflow a float (values past about 1.8e19) or vanish in it (denormals): its
    /// length computed in double after scaling by its largest value, so it still gets a unit vector rather
    /// than a row of zeros or NaN. A row of zeros (or one holding NaN or an infinity) stays zero.
    /// </summary>
    private static void ScaledNormalize(ReadOnlySpan<float> src, Span<float> dst)
    {
        double largest = 0;
        foreach (float x in src) largest = Math.Max(largest, Math.Abs((double)x));
        if (!(largest > 0) || double.IsInfinity(largest)) return;
        double sum = 0;
        foreach (float x in src) sum += (x / largest) * (x / largest);
        double norm = largest * Math.Sqrt(sum);
        for (int j = 0; j < src.Length; j++) dst[j] = (float)(src[j] / norm);
    }
}
