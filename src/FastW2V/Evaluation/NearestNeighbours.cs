using FastW2V.Storage;
using System.Numerics.Tensors;
using FastW2V.Formats;
using FastW2V.Kernels;

namespace FastW2V.Evaluation;

/// <summary>
/// Cosine nearest neighbours over a vector set, normalised once (word2vec.c's distance). One query
/// scans every row with System.Numerics.Tensors' TensorPrimitives, which picks the widest vector
/// instructions of the CPU at run time (no exact agreement with a C tool is needed here).
/// </summary>
public sealed class NearestNeighbours : IDisposable
{
    private readonly WordVectors _vectors;
    private readonly EmbeddingMatrix _unit;

    /// <summary>Normalises the vectors once (a copy: <paramref name="vectors"/> is not changed).</summary>
    public NearestNeighbours(WordVectors vectors)
    {
        _vectors = vectors;
        _unit = UnitVectors.Normalize(vectors, vectors.Count);
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
        var best = new PriorityQueue<int, float>();
        for (int r = 0; r < _unit.Rows; r++)
        {
            if (exclude.Contains(r)) continue;
            float d = TensorPrimitives.Dot(query, _unit.RowSpan(r));
            if (best.Count < k) best.Enqueue(r, d);
            else if (best.TryPeek(out _, out float worst) && d > worst) best.EnqueueDequeue(r, d);
        }
        var result = new List<(string, float)>();
        while (best.TryDequeue(out int r, out float d)) result.Add((_vectors.GetWord(r), d));
        result.Reverse();
        return result;
    }

    private static string Describe(IReadOnlyList<(string Word, float Sign)> words) =>
        string.Join(' ', words.Select((t, i) => t.Sign < 0 ? $"-{t.Word}" : i == 0 ? t.Word : $"+{t.Word}"));

    /// <summary>Frees the normalised copy.</summary>
    public void Dispose() => _unit.Dispose();
}
