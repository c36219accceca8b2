namespace FastW2V.Corpus;

/// <summary>
/// What a user names as the corpus, turned into its files in order: a path as it is ("-" is standard
/// input), a folder's regular files in name order (anything else in it is skipped and said so), and a
/// pattern with * or ? in its last part (quoted, so the shell left it alone) as its matching files in
/// name order. A list file holds one such name per line.
/// </summary>
public static class CorpusInputs
{
    /// <summary>The files that <paramref name="names"/> stand for, in order.</summary>
    /// <param name="note">Told of every folder entry that is skipped.</param>
    public static IReadOnlyList<string> Expand(IEnumerable<string> names, Action<string>? note = null)
    {
        var files = new List<string>();
        foreach (string name in names)
        {
            if (name == "-" || File.Exists(name)) files.Add(name);
            else if (Directory.Exists(name)) files.AddRange(Folder(name, note));
            else if (name.IndexOfAny(['*', '?']) >= 0) files.AddRange(Pattern(name));
            else files.Add(name); // (the reader says it does not exist)
        }
        return files;
    }

    /// <summary>The names a list file holds, one a line (blank lines skipped); "-" reads the list from standard
    /// input.</summary>
    public static IReadOnlyList<string> ReadList(string path)
    {
        try
        {
            var lines = path == "-" ? ReadAll(Console.In) : File.ReadAllLines(path);
            return lines.Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FastW2VException($"Cannot read the input list '{path}': {e.Message}");
        }
    }

    private static string[] ReadAll(TextReader reader)
    {
        var lines = new List<string>();
        while (reader.ReadLine() is { } line) lines.Add(line);
        return [.. lines];
    }

    private static IEnumerable<string> Folder(string folder, Action<string>? note)
    {
        var entries = Directory.GetFileSystemEntries(folder).Order(StringComparer.Ordinal).ToArray();
        var files = new List<string>();
        foreach (string entry in entries)
        {
            var kind = Formats.FileKinds.Of(entry);
            if (kind == Formats.FileKind.Regular) files.Add(entry);
            else note?.Invoke($"Skipped {entry}: not a regular file.");
        }
        if (files.Count == 0) throw new FastW2VException($"The folder '{folder}' holds no regular file to train on.");
        return files;
    }

    private static IEnumerable<string> Pattern(string pattern)
    {
        string folder = Path.GetDirectoryName(pattern) is { Length: > 0 } d ? d : ".";
        string last = Path.GetFileName(pattern);
        if (folder.IndexOfAny(['*', '?']) >= 0)
            throw new FastW2VException($"'{pattern}': only the last part of a path may hold * or ?.");
        var matches = Directory.Exists(folder)
            ? Directory.GetFiles(folder, last).Order(StringComparer.Ordinal).ToArray() : [];
        if (matches.Length == 0) throw new FastW2VException($"No file matches '{pattern}'.");
        return folder == "." && !pattern.StartsWith("./", StringComparison.Ordinal)
            ? matches.Select(Path.GetFileName).Cast<string>() : matches;
    }
}
