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
    private const string LockName = ".lock";
    private static readonly ConcurrentDictionary<string, bool> Paths = new(); // value: is a folder
    private static readonly ConcurrentDictionary<string, FileStream> Locks = new();

    /// <param name="holdLock">Hold an exclusive lock on a file in the folder while it is registered: a run in
    /// another container sharing the folder (whose process ids this one cannot see) then never takes it.</param>
    internal static void AddFolder(string path, bool holdLock = false)
    {
        Paths[path] = true;
        if (holdLock) Locks[path] = new FileStream(System.IO.Path.Combine(path, LockName), FileMode.Create,
            FileAccess.ReadWrite, FileShare.None);
    }

    internal static void AddFile(string path) => Paths[path] = false;

    internal static void Remove(string path)
    {
        Paths.TryRemove(path, out _);
        if (Locks.TryRemove(path, out var held)) held.Dispose();
    }

    /// <summary>Deletes everything registered (best effort); returns how many were removed.</summary>
    public static int DeleteAll()
    {
        int removed = 0;
        foreach (var (path, folder) in Paths)
        {
            if (Locks.TryRemove(path, out var held)) held.Dispose();
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
    internal static bool IsOfDeadProcess(int pid) =>
        pid > 0 && pid != Environment.ProcessId && Directory.Exists("/proc/self") && !Directory.Exists($"/proc/{pid}");

    /// <summary>"PID-HEX": the end of every name this process gives a temporary path, after its prefix.</summary>
    internal static string UniqueSuffix() => $"{Environment.ProcessId}-{Random.Shared.Next():x8}";

    /// <summary>The process id in a name made of <paramref name="prefix"/> and <see cref="UniqueSuffix"/>, or
    /// null.</summary>
    internal static int? PidOf(string name, string prefix)
    {
        if (!name.StartsWith(prefix, StringComparison.Ordinal)) return null;
        var parts = name[prefix.Length..].Split('-');
        return parts.Length == 2 && parts[1].Length == 8 && parts[1].All(char.IsAsciiHexDigitLower)
            && int.TryParse(parts[0], out int pid) ? pid : null;
    }

    /// <summary>Deletes, in <paramref name="folder"/>, the entries named <paramref name="prefix"/> + <see
    /// cref="UniqueSuffix"/>
    /// whose process no longer exists.</summary>
    internal static (int Count, long Bytes) ReclaimStale(string folder, string prefix)
    {
        int count = 0;
        long bytes = 0;
        IEnumerable<string> entries;
        try { entries = Directory.EnumerateFileSystemEntries(folder, prefix + "*-*").ToList(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return (0, 0); }
        foreach (var entry in entries)
        {
            if (PidOf(Path.GetFileName(entry), prefix) is not { } pid || !IsOfDeadProcess(pid)) continue;
            try
            {
                if (new FileInfo(entry).LinkTarget != null) continue; // a link: not something we made
                if (Directory.Exists(entry))
                {
                    // .NET's FileShare.None is an flock on Linux: a live run elsewhere still holds it.
                    string lockFile = Path.Combine(entry, LockName);
                    if (File.Exists(lockFile)) using (new FileStream(lockFile, FileMode.Open, FileAccess.ReadWrite,
                        FileShare.None)) { }
                    bytes += new DirectoryInfo(entry).EnumerateFiles("*", SearchOption.AllDirectories)
                        .Sum(f => f.Length);
                    Directory.Delete(entry, recursive: true);
                }
                else
                {
                    var info = new FileInfo(entry);
                    if ((info.Attributes & FileAttributes.Device) != 0) continue; // only our regular files
                    // A live writer holds it open exclusively (AtomicFile).
                    using (new FileStream(entry, FileMode.Open, FileAccess.ReadWrite, FileShare.None)) { }
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
