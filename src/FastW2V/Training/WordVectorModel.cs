using FastW2V.Storage;
using FastW2V.Vocabularies;
using FastW2V.Kernels;
using FastW2V.Sampling;

namespace FastW2V.Training;

/// <summary>
/// The embedding matrices: input vectors (word2vec.c's syn0, the word vectors users keep), output
/// vectors (syn1neg: one row per word, for negative sampling and the full softmax) and the inner nodes
/// of the Huffman tree (syn1: V − 1 rows, for hierarchical softmax). A matrix a loss does not use has no
/// rows. Input vectors start uniform in (−0.5, 0.5)/dim as in word2vec.c, the others at zero.
/// </summary>
internal sealed unsafe class WordVectorModel : IDisposable
{
    public EmbeddingMatrix Input { get; }
    public EmbeddingMatrix Output { get; }
    public EmbeddingMatrix Tree { get; }
    public int Words => Input.Rows;
    public int Dimension => Input.Dimension;

    public WordVectorModel(int words, int dimension, ulong seed, bool outputRows = true, bool treeRows = false)
    {
        Input = new EmbeddingMatrix(words, dimension);
        Output = new EmbeddingMatrix(outputRows ? words : 0, dimension);
        Tree = new EmbeddingMatrix(treeRows ? words - 1 : 0, dimension);
        var rng = new FastRandom(seed ^ 0x5EED);
        for (int w = 0; w < words; w++)
        {
            float* row = Input.Row(w);
            for (int j = 0; j < dimension; j++) row[j] = (rng.NextFloat() - 0.5f) / dimension;
        }
    }

    /// <summary>
    /// Starts from existing vectors (fastText's -pretrainedVectors): every word of the vocabulary found
    /// in <paramref name="vectors"/> takes its vector as input vector; the others keep their random start.
    /// Returns how many words were found.
    /// </summary>
    public int InitializeFrom(Formats.WordVectors vectors, Vocabulary vocabulary)
    {
        if (vectors.Dimension != Dimension)
            throw new FastW2VException($"The initial vectors have {vectors.Dimension} dimensions, the model "
                + $"{Dimension}: give the same -size.");
        int found = 0;
        for (int i = 0; i < vectors.Count; i++)
        {
            int id = vocabulary.Find(vectors.Words[i]);
            if (id < 0) continue;
            vectors.Vectors.RowSpan(i).CopyTo(Input.RowSpan(id));
            found++;
        }
        return found;
    }

    /// <summary>True when any value of the given rows of any matrix is NaN or infinite (checked during
    /// training).</summary>
    public bool HasNonFinite(int firstRow, int rows)
    {
        foreach (var m in new[] { Input, Output, Tree })
            for (int r = firstRow; r < Math.Min(m.Rows, firstRow + rows); r++)
                foreach (float x in m.RowSpan(r))
                    if (!float.IsFinite(x)) return true;
        return false;
    }

    public void Dispose()
    {
        Input.Dispose();
        Output.Dispose();
        Tree.Dispose();
    }
}
