namespace FastW2V.Preparation;

/// <summary>
/// The run's own scratch folder (token-id files, a spooled stream): <c>fw2v-PID-HEX</c> in the temp folder
/// or the one given, locked while the run lives and deleted at exit (or by the next run, if this one was
/// killed). A kept folder (<c>fw2v-kept-…</c>) is named so that no later run takes it for leftovers.
/// </summary>
internal static class CacheFolder
{
    public static string Create(string? root, bool keep, Action<string>? log)
    {
        if (root == "") throw new FastW2VException("The cache folder path is empty.");
        root ??= Path.GetTempPath();
        try
        {
            Directory.CreateDirectory(root);
            var (stale, bytes) = TemporaryPaths.ReclaimStale(root, "fw2v-", folders: true);
            if (stale > 0)
                log?.Invoke($"Removed {stale} cache folder(s) ({bytes / 1e6:N0} MB) left in {root} " +
                    "by runs that no longer exist.");
            string name = keep ? $"fw2v-kept-{TemporaryPaths.UniqueSuffix("fw2v-kept-")}"
                : $"fw2v-{TemporaryPaths.UniqueSuffix("fw2v-")}";
            string folder = Path.Combine(root, name);
            Directory.CreateDirectory(folder);
            if (!keep) TemporaryPaths.AddFolder(folder, holdLock: true);
            return folder;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FastW2VException($"Cannot create the cache folder in '{root}': {e.Message}");
        }
    }

    public static void TryDelete(string folder)
    {
        try { Directory.Delete(folder, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        TemporaryPaths.Remove(folder);
    }
}
