using FastW2V.Storage;
using FastW2V.Formats;
using FastW2V.Kernels;

namespace FastW2V.Evaluation;

/// <summary>
/// Word similarity: Spearman's ρ between the cosine of each pair's vectors and the human scores. Words
/// are matched case-insensitively among the first <c>restrict</c> words (all by default; the most
/// frequent spelling wins), and a pair with an unknown word is skipped and counted, as gensim's
/// evaluate_word_pairs does.
/// </summary>
public static unsafe class SimilarityEvaluator
{
    /// <summary>Spearman's ρ on one file's pairs (both words in the vocabulary; <paramref name="restrict"/> &gt; 0:
    /// among the most frequent words only).</summary>
    public static SimilarityScore Evaluate(WordVectors vectors, SimilarityPairs pairs, int restrict = 0) =>
        Evaluate(vectors, [pairs], restrict)[0];

    /// <summary>Several pair files against one lookup and one set of unit vectors, built once.</summary>
    public static List<SimilarityScore> Evaluate(WordVectors vectors, IEnumerable<SimilarityPairs> files,
        int restrict = 0)
    {
        int n = restrict > 0 ? Math.Min(restrict, vectors.Count) : vectors.Count;
        var index = new VocabularyIndex(vectors, n);
        using var unit = UnitVectors.Normalize(vectors, n);
        return files.Select(pairs => Evaluate(index, unit, pairs)).ToList();
    }

    private static SimilarityScore Evaluate(VocabularyIndex index, EmbeddingMatrix unit, SimilarityPairs pairs)
    {
        var cosines = new List<double>();
        var human = new List<double>();
        int oov = 0;
        foreach (var p in pairs.Pairs)
        {
            int a = index.Find(p.First), b = index.Find(p.Second);
            if (a < 0 || b < 0) { oov++; continue; }
            cosines.Add(VectorKernelsScalar.Dot(unit.Row(a), unit.Row(b), unit.Stride));
            human.Add(p.Score);
        }
        return new SimilarityScore(pairs.Name, SpearmanCorrelation.Compute(cosines, human), cosines.Count, oov,
            pairs.Pairs.Count, pairs.MalformedLines);
    }
}
