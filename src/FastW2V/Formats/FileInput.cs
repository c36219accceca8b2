namespace FastW2V.Formats;

/// <summary>Checks on input paths that turn every file-system failure into one clear sentence.</summary>
public static class FileInput
{
    internal static void CheckReadable(string path, string what)
    {
        if (string.IsNullOrEmpty(path)) throw new FastW2VException($"No {what} was given.");
        if (Directory.Exists(path)) throw new FastW2VException($"The {what} '{path}' is a directory, not a file.");
        if (!File.Exists(path)) throw new FastW2VException($"The {what} '{path}' does not exist.");
    }

    /// <summary>Reads a whole file; a missing or unreadable one is a one-line error naming <paramref
    /// name="what"/>.</summary>
    /// <param name="path">The file, or "-" for standard input.</param>
    public static byte[] ReadAllBytes(string path, string what)
    {
        if (StandardStreams.IsStandard(path))
        {
            using var input = StandardStreams.OpenInput();
            using var copy = new MemoryStream();
            try { input.CopyTo(copy); }
            catch (IOException e)
            {
                throw new FastW2VException($"Cannot read the {what} from standard input: {e.Message}");
            }
            return copy.ToArray();
        }
        CheckReadable(path, what);
        try { return File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FastW2VException($"Cannot read the {what} '{path}': {e.Message}");
        }
    }

    /// <summary>The lines of a text file, or of standard input for "-"; a missing file is a one-line error naming
    /// <paramref name="what"/>.</summary>
    public static IEnumerable<string> ReadLines(string path, string what)
    {
        if (!StandardStreams.IsStandard(path))
        {
            CheckReadable(path, what);
            return File.ReadLines(path);
        }
        return StandardInputLines();
    }

    private static IEnumerable<string> StandardInputLines()
    {
        using var reader = new StreamReader(StandardStreams.OpenInput());
        while (reader.ReadLine() is { } line) yield return line;
    }

    internal static FileStream OpenRead(string path, string what)
    {
        CheckReadable(path, what);
        try { return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FastW2VException($"Cannot read the {what} '{path}': {e.Message}");
        }
    }
}
