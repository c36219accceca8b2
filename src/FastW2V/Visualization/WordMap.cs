using FastW2V.Evaluation;
using FastW2V.Formats;

namespace FastW2V.Visualization;

/// <summary>
/// A 2-D map of some words and their nearest neighbours: the points' unit vectors projected on their
/// first two principal components (power iteration on the covariance, enough for a few hundred points),
/// drawn as an SVG with the query words in bold.
/// </summary>
public static unsafe class WordMap
{
    /// <summary>The SVG text; throws <see cref="FastW2VException"/> naming a word not in the vocabulary.</summary>
    public static string Draw(WordVectors vectors, IReadOnlyList<string> words, int neighbours = 8, int width = 900,
        int height = 700)
    {
        if (words.Count == 0) throw new FastW2VException("Give at least one word to plot.");
        var missing = words.Where(w => vectors.Find(w) < 0).ToList();
        if (missing.Count > 0) throw new FastW2VException($"out of vocabulary: {string.Join(' ', missing)}");
        using var nn = new NearestNeighbours(vectors);
        var points = new List<(string Word, bool Query)>();
        foreach (string w in words)
        {
            if (!points.Any(p => p.Word == w)) points.Add((w, true));
            foreach (var (n, _) in nn.Query([w], neighbours)!)
                if (!points.Any(p => p.Word == n)) points.Add((n, false));
        }
        var xy = Project(vectors, points.Select(p => vectors.Find(p.Word)).ToList());
        double minX = xy.Min(p => p.X), maxX = xy.Max(p => p.X), minY = xy.Min(p => p.Y), maxY = xy.Max(p => p.Y);
        const double margin = 60;
        double sx = (width - 2 * margin) / Math.Max(1e-9, maxX - minX),
            sy = (height - 2 * margin) / Math.Max(1e-9, maxY - minY);
        var svg = new Svg(width, height);
        svg.Text(width / 2.0, 24,
            $"{string.Join(", ", words)} and their {neighbours} nearest neighbours (PCA of unit vectors)", 14,
            anchor: "middle", bold: true);
        for (int i = 0; i < points.Count; i++)
        {
            double x = margin + (xy[i].X - minX) * sx, y = height - margin - (xy[i].Y - minY) * sy;
            svg.Circle(x, y, points[i].Query ? 6 : 4, points[i].Query ? "#c0392b" : "#2e86c1");
            svg.Text(x + 8, y + 4, points[i].Word, points[i].Query ? 14 : 12, bold: points[i].Query);
        }
        return svg.ToString();
    }

    /// <summary>The rows' unit vectors, centred, on their first two principal components.</summary>
    private static List<(double X, double Y)> Project(WordVectors vectors, List<int> rows)
    {
        int d = vectors.Dimension, n = rows.Count;
        var data = new double[n, d];
        for (int i = 0; i < n; i++)
        {
            float* v = vectors.Vectors.Row(rows[i]);
            double norm = 0;
            for (int j = 0; j < d; j++) norm += v[j] * v[j];
            norm = Math.Sqrt(norm) is > 0 and var s ? s : 1;
            for (int j = 0; j < d; j++) data[i, j] = v[j] / norm;
        }
        for (int j = 0; j < d; j++)
        {
            double mean = 0;
            for (int i = 0; i < n; i++) mean += data[i, j];
            mean /= n;
            for (int i = 0; i < n; i++) data[i, j] -= mean;
        }
        var first = Component(data, null);
        var second = Component(data, first);
        var result = new List<(double, double)>(n);
        for (int i = 0; i < n; i++)
        {
            double x = 0, y = 0;
            for (int j = 0; j < d; j++) { x += data[i, j] * first[j]; y += data[i, j] * second[j]; }
            result.Add((x, y));
        }
        return result;
    }

    /// <summary>The leading eigenvector of XᵀX (orthogonal to <paramref name="other"/>), by power iteration from a
    /// fixed start.</summary>
    private static double[] Component(double[,] data, double[]? other)
    {
        int n = data.GetLength(0), d = data.GetLength(1);
        var v = Enumerable.Range(0, d).Select(j => 1.0 + 0.01 * j).ToArray();
        for (int iteration = 0; iteration < 200; iteration++)
        {
            var next = new double[d];
            for (int i = 0; i < n; i++)
            {
                double dot = 0;
                for (int j = 0; j < d; j++) dot += data[i, j] * v[j];
                for (int j = 0; j < d; j++) next[j] += dot * data[i, j];
            }
            if (other != null)
            {
                double along = next.Zip(other, (a, b) => a * b).Sum();
                for (int j = 0; j < d; j++) next[j] -= along * other[j];
            }
            double norm = Math.Sqrt(next.Sum(x => x * x));
            if (norm == 0) break;
            for (int j = 0; j < d; j++) v[j] = next[j] / norm;
        }
        return v;
    }
}
