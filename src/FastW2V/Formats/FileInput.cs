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
    public static byte[] ReadAllBytes(string path, string what)
    {
        CheckReadable(path, what);
        try { return File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FastW2VException($"Cannot read the {what} '{path}': {e.Message}");
        }
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
