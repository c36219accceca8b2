using FastW2V.Kernels;
using FastW2V.Sampling;

namespace FastW2V.Training;

/// <summary>
/// The two embedding matrices: input vectors (word2vec.c's syn0, the word vectors users keep) and
/// output vectors (syn1neg). Input vectors start uniform in (−0.5, 0.5)/dim as in word2vec.c,
/// output vectors at zero.
/// </summary>
public sealed unsafe class WordVectorModel : IDisposable
{
    public EmbeddingMatrix Input { get; }
    public EmbeddingMatrix Output { get; }
    public int Words => Input.Rows;
    public int Dimension => Input.Dimension;

    public WordVectorModel(int words, int dimension, ulong seed)
    {
        Input = new EmbeddingMatrix(words, dimension);
        Output = new EmbeddingMatrix(words, dimension);
        var rng = new FastRandom(seed ^ 0x5EED);
        for (int w = 0; w < words; w++)
        {
            float* row = Input.Row(w);
            for (int j = 0; j < dimension; j++) row[j] = (rng.NextFloat() - 0.5f) / dimension;
        }
    }

    /// <summary>True when any input or output value is NaN or infinite (checked during training).</summary>
    public bool HasNonFinite(int firstRow, int rows)
    {
        foreach (var m in new[] { Input, Output })
            for (int r = firstRow; r < Math.Min(m.Rows, firstRow + rows); r++)
                foreach (float x in m.RowSpan(r))
                    if (!float.IsFinite(x)) return true;
        return false;
    }

    public void Dispose()
    {
        Input.Dispose();
        Output.Dispose();
    }
}
