using FastW2V.Storage;
using System.Runtime.Intrinsics;
using FastW2V.Kernels;

namespace FastW2V.Clustering;

/// <summary>
/// word2vec.c's <c>-classes K</c>: k-means on the word vectors, exactly as word2vec.c runs it. Word i
/// starts in class i mod K; each of the 10 iterations sets every centroid to the mean of its words (the
/// count starts at 1, as in word2vec.c), scales it to unit length, and moves every word to the centroid
/// with the largest dot product (the first on ties; a dot product must beat −10). Vectors are not
/// normalised. Sums are in word2vec.c's order, so the classes equal word2vec.c's when it is built without
/// -ffast-math (the makefile's -Ofast reorders its sums, which can move a word whose two best classes tie
/// to the last bit).
/// </summary>
public static unsafe class WordClasses
{
    /// <summary>word2vec.c's k-means iterations.</summary>
    public const int Iterations = 10;

    /// <summary>The class of every row of <paramref name="vectors"/>.</summary>
    public static int[] Cluster(EmbeddingMatrix vectors, int classes, int threads)
    {
        if (classes < 1 || classes > Math.Max(1, vectors.Rows))
            throw new FastW2VException("The number of classes must be between 1 and the number of words, " +
                $"{vectors.Rows:N0} (got {classes}).");
        if (threads < 1) throw new FastW2VException($"threads must be at least 1 (got {threads}).");
        int rows = vectors.Rows, dim = vectors.Dimension;
        var assigned = new int[rows];
        for (int a = 0; a < rows; a++) assigned[a] = a % classes;
        // Centroids transposed (dimension-major, classes padded to 8), so that one word's dot products with
        // 8 centroids are 8 lanes of one vector, each lane summed in word2vec.c's order (b = 0, 1, …).
        int lanes = (classes + 7) / 8 * 8;
        var centroids = new float[classes * dim];
        var transposed = GC.AllocateArray<float>(dim * lanes, pinned: true);
        var members = new int[classes];
        for (int iteration = 0; iteration < Iterations; iteration++)
        {
            Array.Clear(centroids);
            Array.Fill(members, 1);
            for (int c = 0; c < rows; c++)
            {
                float* row = vectors.Row(c);
                int k = assigned[c];
                for (int d = 0; d < dim; d++) centroids[k * dim + d] += row[d];
                members[k]++;
            }
            for (int k = 0; k < classes; k++)
            {
                float norm = 0;
                for (int d = 0; d < dim; d++)
                {
                    centroids[k * dim + d] /= members[k];
                    norm += centroids[k * dim + d] * centroids[k * dim + d];
                }
                norm = MathF.Sqrt(norm);
                for (int d = 0; d < dim; d++) transposed[d * lanes + k] = centroids[k * dim + d] /= norm;
            }
            Parallel.For(0, (rows + 1023) / 1024, new ParallelOptions { MaxDegreeOfParallelism = threads }, block =>
            {
                fixed (float* t = transposed)
                    for (int c = block * 1024, end = Math.Min(rows, c + 1024); c < end; c++)
                        assigned[c] = Closest(vectors.Row(c), t, dim, classes, lanes);
            });
        }
        return assigned;
    }

    /// <summary>The centroid with the largest dot product, word2vec.c's way: strictly greater than the best so far,
    /// starting at −10.</summary>
    private static int Closest(float* row, float* transposed, int dim, int classes, int lanes)
    {
        float best = -10;
        int bestClass = 0;
        Span<float> dots = stackalloc float[8];
        for (int group = 0; group < lanes; group += 8)
        {
            // A multiply then an add (no fused multiply-add): word2vec.c's x += cent * syn0 in float.
            var sum = Vector256<float>.Zero;
            for (int d = 0; d < dim; d++)
                sum = Vector256.Add(sum,
                    Vector256.Multiply(Vector256.Load(transposed + d * lanes + group), Vector256.Create(row[d])));
            sum.CopyTo(dots);
            for (int k = group, last = Math.Min(classes, group + 8); k < last; k++)
                if (dots[k - group] > best)
                {
                    best = dots[k - group];
                    bestClass = k;
                }
        }
        return bestClass;
    }
}
