using System.Collections.Concurrent;

namespace FastW2V;

/// <summary>
/// What this process has made that must not outlive it: the token-id cache folder, the temporary file
/// of an output being written. Each is registered while it exists, so a run stopped by a signal can
/// remove them all (<see cref="DeleteAll"/>); and a run killed outright (kill -9) leaves names that
/// carry its process id, which the next run reclaims (<see cref="IsOfDeadProcess"/>).
/// </summary>
public static class TemporaryPaths
{
    private static readonly ConcurrentDictionary<string, bool> Paths = new(); // value: is a folder

    public static void AddFolder(string path) => Paths[path] = true;
    public static void AddFile(string path) => Paths[path] = false;
    public static void Remove(string path) => Paths.TryRemove(path, out _);

    /// <summary>Deletes everything registered (best effort); returns how many were removed.</summary>
    public static int DeleteAll()
    {
        int removed = 0;
        foreach (var (path, folder) in Paths)
        {
            try
            {
                if (folder && Directory.Exists(path)) { Directory.Delete(path, recursive: true); removed++; }
                else if (!folder && File.Exists(path)) { File.Delete(path); removed++; }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
            Paths.TryRemove(path, out _);
        }
        return removed;
    }

    /// <summary>
    /// True when <paramref name="pid"/> names no running process (Linux: no /proc/PID). False where that
    /// cannot be told, so nothing of a live run is ever taken.
    /// </summary>
    public static bool IsOfDeadProcess(int pid) =>
        pid > 0 && pid != Environment.ProcessId && Directory.Exists("/proc/self") && !Directory.Exists($"/proc/{pid}");

    /// <summary>Deletes, in <paramref name="folder"/>, the entries whose names <paramref name="pidOf"/> ties to a dead process.</summary>
    public static (int Count, long Bytes) ReclaimStale(string folder, string pattern, Func<string, int?> pidOf)
    {
        int count = 0;
        long bytes = 0;
        IEnumerable<string> entries;
        try { entries = Directory.EnumerateFileSystemEntries(folder, pattern).ToList(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return (0, 0); }
        foreach (var entry in entries)
        {
            if (pidOf(Path.GetFileName(entry)) is not { } pid || !IsOfDeadProcess(pid)) continue;
            try
            {
                if (Directory.Exists(entry))
                {
                    bytes += new DirectoryInfo(entry).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
                    Directory.Delete(entry, recursive: true);
                }
                else
                {
                    var info = new FileInfo(entry);
                    if (info.LinkTarget != null || (info.Attributes & FileAttributes.Device) != 0) continue; // only our regular files
                    bytes += info.Length;
                    info.Delete();
                }
                count++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        return (count, bytes);
    }
}
