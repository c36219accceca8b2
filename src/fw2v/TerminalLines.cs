namespace FastW2V.Cli;

/// <summary>
/// Status lines fitted to the terminal: a line wider than the terminal (its width, or COLUMNS when set) is
/// broken at spaces, its continuation indented under the text after the 12-column label ("Vocabulary: ").
/// Redirected output is written as it is, one record per line for logs and the scripts that read them,
/// unless FW2V_COLUMNS asks for a width anyway.
/// </summary>
internal sealed class TerminalLines(TextWriter error)
{
    private const int LabelWidth = 12;
    private readonly int _width = Width(error);

    public void WriteLine(string line)
    {
        foreach (var part in Fit(line, _width)) error.WriteLine(part);
    }

    /// <summary>The line broken into pieces of at most <paramref name="width"/> characters (0: no limit).</summary>
    public static IEnumerable<string> Fit(string line, int width)
    {
        if (width <= LabelWidth + 8 || line.Length <= width)
        {
            yield return line;
            yield break;
        }
        string indent = new(' ', LabelWidth);
        string rest = line;
        bool first = true;
        while (rest.Length > 0)
        {
            string prefix = first ? "" : indent;
            int room = width - prefix.Length;
            if (rest.Length <= room) { yield return prefix + rest; break; }
            int cut = rest.LastIndexOf(' ', room);
            if (cut <= 0) cut = room; // one word longer than the room: cut it
            yield return prefix + rest[..cut].TrimEnd();
            rest = rest[cut..].TrimStart();
            first = false;
        }
    }

    private static int Width(TextWriter error)
    {
        if (Columns("FW2V_COLUMNS") is { } forced) return forced;
        if (Console.IsErrorRedirected || !ReferenceEquals(error, Console.Error)) return 0;
        if (Columns("COLUMNS") is { } columns) return columns;
        try { return Console.WindowWidth; }
        catch (IOException) { return 0; }
    }

    private static int? Columns(string variable) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), out int columns) && columns > 0 ? columns : null;
}
