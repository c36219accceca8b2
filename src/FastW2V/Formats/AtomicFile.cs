namespace FastW2V.Formats;

/// <summary>
/// Writes a file so that readers see either the old file or the complete new one: the data goes to a
/// temporary file in the same folder (same file system, so the rename is atomic), is flushed to disk,
/// and only then renamed over the target. On any failure the temporary file is removed and the
/// previous file is left untouched.
/// </summary>
public static class AtomicFile
{
    public static void Write(string path, Action<Stream> write)
    {
        string full = Path.GetFullPath(path);
        string temp = CreateTemp(full);
        TemporaryPaths.AddFile(temp);
        try
        {
            using (var stream = new FileStream(temp, FileMode.Open, FileAccess.Write, FileShare.None, 1 << 20))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
        finally { TemporaryPaths.Remove(temp); }
    }

    /// <summary>Fails early, with a clear message, when <paramref name="path"/> cannot be written.</summary>
    public static void CheckWritable(string path, string what)
    {
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full)) throw new FastW2VException($"Cannot write the {what} '{path}': it is a directory.");
        TryDelete(CreateTemp(full, what));
    }

    private static string CreateTemp(string full, string what = "output")
    {
        string folder = Path.GetDirectoryName(full) ?? ".";
        if (!Directory.Exists(folder))
            throw new FastW2VException($"Cannot write the {what} '{full}': the folder '{folder}' does not exist.");
        string name = Path.GetFileName(full);
        // A run killed while writing (kill -9) left its hidden temporary file: reclaim it.
        TemporaryPaths.ReclaimStale(folder, $".{name}.tmp-*-*", n => TempPid(n, name));
        string temp = Path.Combine(folder, $".{name}.tmp-{Environment.ProcessId}-{Random.Shared.Next():x8}");
        try
        {
            using (new FileStream(temp, FileMode.CreateNew, FileAccess.Write)) { }
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new FastW2VException($"Cannot write the {what} '{full}': {e.Message}");
        }
        return temp;
    }

    /// <summary>The process id in a temporary file's name (.NAME.tmp-PID-HEX), or null for any other name.</summary>
    private static int? TempPid(string file, string name)
    {
        string prefix = $".{name}.tmp-";
        if (!file.StartsWith(prefix, StringComparison.Ordinal)) return null;
        var parts = file[prefix.Length..].Split('-');
        return parts.Length == 2 && parts[1].Length == 8 && parts[1].All(char.IsAsciiHexDigitLower) && int.TryParse(parts[0], out int pid) ? pid : null;
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
