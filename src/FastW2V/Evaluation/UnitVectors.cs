using FastW2V.Formats;
using FastW2V.Kernels;

namespace FastW2V.Evaluation;

/// <summary>The first rows of a vector set scaled to unit length (a zero vector stays zero), for cosine queries.</summary>
internal static class UnitVectors
{
    public static EmbeddingMatrix Normalize(WordVectors vectors, int rows)
    {
        var unit = new EmbeddingMatrix(rows, vectors.Dimension);
        for (int i = 0; i < rows; i++)
        {
            var src = vectors.Vectors.RowSpan(i);
            double length = 0;
            foreach (float x in src) length += x * x;
            float inverse = length > 0 ? (float)(1 / Math.Sqrt(length)) : 0;
            var dst = unit.RowSpan(i);
            for (int j = 0; j < src.Length; j++) dst[j] = src[j] * inverse;
        }
        return unit;
    }
}
