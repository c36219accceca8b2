using System.Globalization;
using System.Security;
using System.Text;

namespace FastW2V.Visualization;

/// <summary>A minimal SVG document: a white canvas, then circles, lines, polylines and text.</summary>
internal sealed class Svg(int width, int height)
{
    private readonly StringBuilder _body = new();

    public int Width => width;
    public int Height => height;

    private static string N(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    public void Circle(double x, double y, double r, string fill) =>
        _body.Append($"<circle cx=\"{N(x)}\" cy=\"{N(y)}\" r=\"{N(r)}\" fill=\"{fill}\"/>\n");

    public void Line(double x1, double y1, double x2, double y2, string stroke, double width = 1) =>
        _body.Append($"<line x1=\"{N(x1)}\" y1=\"{N(y1)}\" x2=\"{N(x2)}\" y2=\"{N(y2)}\" stroke=\"{stroke}\" " +
            $"stroke-width=\"{N(width)}\"/>\n");

    public void Polyline(IEnumerable<(double X, double Y)> points, string stroke, double width = 2) =>
        _body.Append($"<polyline fill=\"none\" stroke=\"{stroke}\" stroke-width=\"{N(width)}\" " +
            $"points=\"{string.Join(' ', points.Select(p => $"{N(p.X)},{N(p.Y)}"))}\"/>\n");

    public void Text(double x, double y, string text, int size = 12, string fill = "#222", string anchor = "start",
        bool bold = false)
    {
        string weight = bold ? " font-weight=\"bold\"" : "";
        _body.Append($"<text x=\"{N(x)}\" y=\"{N(y)}\" font-family=\"sans-serif\" font-size=\"{size}\" " +
            $"fill=\"{fill}\" text-anchor=\"{anchor}\"{weight}>{Escape(text)}</text>\n");
    }

    /// <summary>
    /// Text as XML 1.0 may hold it: markup characters escaped, and what XML forbids even as a reference
    /// (control characters, lone surrogates, U+FFFE and U+FFFF) shown as U+FFFD, so that any word makes a
    /// well-formed document.
    /// </summary>
    internal static string Escape(string text)
    {
        var clean = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean.Append(c).Append(text[++i]);
                continue;
            }
            bool allowed = c is '\t' or '\n' or '\r' || (c >= 0x20 && c < 0xD800) || (c >= 0xE000 && c < 0xFFFE);
            clean.Append(allowed ? c : '\uFFFD');
        }
        return SecurityElement.Escape(clean.ToString());
    }

    public override string ToString() =>
        $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" " +
        $"viewBox=\"0 0 {width} {height}\">\n" +
        $"<rect width=\"{width}\" height=\"{height}\" fill=\"white\"/>\n{_body}</svg>\n";
}
