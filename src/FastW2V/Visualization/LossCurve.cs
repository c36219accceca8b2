using System.Text.Json;

namespace FastW2V.Visualization;

/// <summary>
/// The loss of a run as an SVG line chart, from what the run logged: `train --json`'s object (one point
/// per epoch) or `--progress json`'s lines (one point per second, against the fraction done).
/// </summary>
public static class LossCurve
{
    /// <summary>The SVG text of the loss curve in <paramref name="log"/> (train --json's object or --progress json's
    /// lines).</summary>
    public static string Draw(string log, int width = 800, int height = 500)
    {
        var points = Points(log);
        if (points.Count == 0)
            throw new FastW2VException("The log holds no loss: " +
                "give the output of train --json or the stderr of train --progress json.");
        const double left = 70, right = 30, top = 50, bottom = 60;
        double minX = points.Min(p => p.X), maxX = points.Max(p => p.X), minY = points.Min(p => p.Y),
            maxY = points.Max(p => p.Y);
        if (maxX == minX) { maxX += 0.5; minX -= 0.5; }
        if (maxY == minY) { maxY += 0.5; minY -= 0.5; }
        double X(double x) => left + (x - minX) / (maxX - minX) * (width - left - right);
        double Y(double y) => height - bottom - (y - minY) / (maxY - minY) * (height - top - bottom);
        var svg = new Svg(width, height);
        svg.Text(width / 2.0, 28, "Training loss per example", 16, anchor: "middle", bold: true);
        svg.Line(left, height - bottom, width - right, height - bottom, "#444");
        svg.Line(left, top, left, height - bottom, "#444");
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        for (int t = 0; t <= 4; t++)
        {
            double y = minY + (maxY - minY) * t / 4;
            svg.Text(left - 8, Y(y) + 4, y.ToString("F3", invariant), 11, anchor: "end");
        }
        // Epochs are whole numbers: a tick at each point (at most 20); a fraction of the run: quarters.
        var ticks = points.XIsEpoch && points.Count <= 20 ? points.Select(p => p.X)
            : Enumerable.Range(0, 5).Select(t => minX + (maxX - minX) * t / 4);
        foreach (double x in ticks)
            svg.Text(X(x), height - bottom + 18, x.ToString(points.XIsEpoch ? "F0" : "F2", invariant), 11,
                anchor: "middle");
        svg.Text(width / 2.0, height - 15, points.XIsEpoch ? "epoch" : "fraction of the run", 12, anchor: "middle");
        svg.Polyline(points.Select(p => (X(p.X), Y(p.Y))), "#c0392b");
        foreach (var p in points) svg.Circle(X(p.X), Y(p.Y), 3, "#c0392b");
        return svg.ToString();
    }

    private sealed class Series : List<(double X, double Y)> { public bool XIsEpoch; }

    private static Series Points(string log)
    {
        var series = new Series();
        using (var whole = TryParse(log))
            if (whole != null && whole.RootElement.ValueKind == JsonValueKind.Object
                && whole.RootElement.TryGetProperty("epochs", out var epochs))
            {
                series.XIsEpoch = true;
                if (epochs.ValueKind != JsonValueKind.Array)
                    throw new FastW2VException("The log's \"epochs\" is not a list of epochs: give the output of "
                        + "train --json.");
                foreach (var e in epochs.EnumerateArray())
                    if (Number(e, "epoch") is { } x && Number(e, "loss") is { } y) Add(series, x, y);
                return series;
            }
        foreach (string line in log.Split('\n'))
        {
            if (!line.TrimStart().StartsWith('{')) continue; // progress lines are mixed with the summary on stderr
            using var doc = TryParse(line);
            if (doc == null) continue;
            var root = doc.RootElement;
            if (Number(root, "progress") is { } x && Number(root, "loss") is { } y) Add(series, x, y);
        }
        return series;
    }

    /// <summary>A property that is a number, or null (missing, null, or not a number; an epoch that is not an
    /// object counts as missing).</summary>
    private static double? Number(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double d) ? d : null;

    /// <summary>A point; a loss or position that is not finite, or too large to draw, is refused.</summary>
    private static void Add(Series series, double x, double y)
    {
        const double limit = 1e150; // differences of the axes' ends must stay finite
        if (!double.IsFinite(x) || !double.IsFinite(y) || Math.Abs(x) > limit || Math.Abs(y) > limit)
            throw new FastW2VException($"The log holds a point that cannot be drawn (x {x}, loss {y}).");
        series.Add((x, y));
    }

    private static JsonDocument? TryParse(string text)
    {
        try { return JsonDocument.Parse(text); } catch (JsonException) { return null; }
    }
}
