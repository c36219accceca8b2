using FastW2V.Storage;
using System.Numerics.Tensors;
using FastW2V.Formats;
using FastW2V.Kernels;

namespace FastW2V.Evaluation;

/// <summary>
/// Cosine nearest neighbours over a vector set, normalised once (word2vec.c's distance). A
/// <see cref="Query(IReadOnlyList{ValueTuple{string, float}}, int)"/> scans every row with
/// System.Numerics.Tensors' TensorPrimitives, which picks the widest vector instructions of the CPU at
/// run time; <see cref="Closest"/> adds in word2vec.c's order instead, for the drop-in programs whose
/// printed cosines must be the C tools' own.
/// </summary>
public sealed class NearestNeighbours : IDisposable
{
    private readonly WordVectors _vectors;
    private readonly EmbeddingMatrix _unit;

    /// <summary>Normalises the vectors once (a copy: <paramref name="vectors"/> is not changed).</summary>
    public NearestNeighbours(WordVectors vectors)
    {
        _vectors = vectors;
        // Unfused, as word2vec.c's distance is built (see Closest); Query does not depend on the last bit.
        _unit = UnitVectors.Normalize(vectors, vectors.Count, fused: false);
    }

    /// <summary>The k words closest to the sum of the given words' unit vectors, excluding them; null if a word is
    /// unknown.</summary>
    public IReadOnlyList<(string Word, float Cosine)>? Query(IReadOnlyList<string> words, int k) =>
        Query(words.Select(w => (w, 1f)).ToList(), k);

    /// <summary>A query's words with their signs ("king -man +woman"): -word subtracts, +word adds, words are separated
    /// by spaces or tabs.</summary>
    public static List<(string Word, float Sign)> Terms(string query) =>
        query.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)
            .Select(t => t.Length > 1 && t[0] is '-' or '+' ? (t[1..], t[0] == '-' ? -1f : 1f) : (t, 1f))
            .ToList();

    /// <summary>One analogy, a is to b as c is to ?: the k words closest to b − a + c (3CosAdd), excluding a, b and
    /// c.</summary>
    public IReadOnlyList<(string Word, float Cosine)>? Analogy(string a, string b, string c, int k) =>
        Query([(b, 1f), (a, -1f), (c, 1f)], k);

    /// <summary>The k words closest to Σ sign·unit vector of the given words, excluding them; null if a word is
    /// unknown.</summary>
    /// <exception cref="FastW2VException">An empty query, one whose words cancel out, or k below 1.</exception>
    public IReadOnlyList<(string Word, float Cosine)>? Query(IReadOnlyList<(string Word, float Sign)> words, int k)
    {
        if (k < 1) throw new FastW2VException($"The number of neighbours must be at least 1 (got {k}).");
        if (words.Count == 0) throw new FastW2VException("The query is empty: give at least one word.");
        var query = new float[_unit.Dimension];
        var exclude = new HashSet<int>();
        foreach (var (w, sign) in words)
        {
            int i = _vectors.Find(w);
            if (i < 0) return null;
            exclude.Add(i);
            TensorPrimitives.MultiplyAdd(_unit.RowSpan(i), sign, query, query);
        }
        float norm = TensorPrimitives.Norm(query);
        if (!(norm > 1e-6f))
            throw new FastW2VException($"The query '{Describe(words)}' is empty: its words cancel out.");
        TensorPrimitives.Divide(query, norm, query);
        var scores = new float[_unit.Rows];
        for (int r = 0; r < _unit.Rows; r++) scores[r] = TensorPrimitives.Dot(query, _unit.RowSpan(r));
        return Best(scores, exclude, k, float.NegativeInfinity)
            .Select(b => (_vectors.GetWord(b.Row), b.Score)).ToList();
    }

    /// <summary>
    /// word2vec.c's distance and word-analogy, to the bit: the query is the sum of sign · unit vector
    /// over <paramref name="terms"/>, added in their order and scaled to unit length, and each row's
    /// score is its dot product with the query, each product rounded and added in dimension order, so
    /// that the printed cosines and the order of near ties are the programs'. That is the C loops'
    /// arithmetic without contraction, and what GCC 12 builds with word2vec.c's makefile (-O3
    /// -march=native: products 8 at a time, added in order) where the vector size is a multiple of 8;
    /// other sizes fuse their last few products, which may move a printed cosine by a unit of the
    /// sixth decimal. Returns the <paramref name="k"/> best rows scoring above <paramref name="floor"/>
    /// (distance starts from −1, word-analogy from 0), best first, of equal scores the earlier row
    /// first; the terms' rows are never answers. A term of sign 0 is excluded but not added
    /// (word-analogy's words after the third).
    /// </summary>
    public IReadOnlyList<(int Row, float Score)> Closest(IReadOnlyList<(int Row, float Sign)> terms, int k, float floor)
    {
        int d = _unit.Dimension, rows = _unit.Rows;
        var query = new float[d];
        var exclude = new HashSet<int>();
        foreach (var (row, sign) in terms)
        {
            if ((uint)row >= (uint)rows) throw new ArgumentOutOfRangeException(nameof(terms), $"row {row} of {rows}");
            exclude.Add(row);
            if (sign == 0) continue;
            var unit = _unit.RowSpan(row);
            for (int j = 0; j < d; j++) query[j] += sign * unit[j];
        }
        float length = 0;
        foreach (float x in query) length += x * x;
        float norm = (float)Math.Sqrt(length);
        if (norm > 0)
            for (int j = 0; j < d; j++) query[j] /= norm;
        var scores = new float[rows];
        const int chunk = 4096;
        Parallel.For(0, (rows + chunk - 1) / chunk, c =>
        {
            for (int r = c * chunk, end = Math.Min(rows, r + chunk); r < end; r++)
            {
                var unit = _unit.RowSpan(r);
                float score = 0;
                for (int j = 0; j < d; j++) score += query[j] * unit[j];
                scores[r] = score;
            }
        });
        return Best(scores, exclude, k, floor);
    }

    /// <summary>
    /// The k best rows above <paramref name="floor"/>, best first. A min-heap of the best so far, where
    /// of two equal scores the later row is the worse: an equal score never displaces an earlier row,
    /// as word2vec.c's insertion into its sorted list keeps the first of equal scores.
    /// </summary>
    private static List<(int Row, float Score)> Best(float[] scores, HashSet<int> exclude, int k, float floor)
    {
        var heap = new PriorityQueue<int, (float Score, int Row)>(Worse);
        for (int r = 0; r < scores.Length; r++)
        {
            float score = scores[r];
            if (!(score > floor) || exclude.Contains(r)) continue;
            if (heap.Count < k) heap.Enqueue(r, (score, r));
            else if (heap.TryPeek(out _, out var worst) && score > worst.Score) heap.EnqueueDequeue(r, (score, r));
        }
        var best = new List<(int Row, float Score)>(heap.Count);
        while (heap.TryDequeue(out int row, out var priority)) best.Add((row, priority.Score));
        best.Reverse();
        return best;
    }

    private static readonly Comparer<(float Score, int Row)> Worse = Comparer<(float Score, int Row)>.Create(
        (x, y) => x.Score != y.Score ? x.Score.CompareTo(y.Score) : y.Row.CompareTo(x.Row));

    private static string Describe(IReadOnlyList<(string Word, float Sign)> words) =>
        string.Join(' ', words.Select((t, i) => t.Sign < 0 ? $"-{t.Word}" : i == 0 ? t.Word : $"+{t.Word}"));

    /// <summary>Frees the normalised copy.</summary>
    public void Dispose() => _unit.Dispose();
}
