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

    /// <summary>
    /// "PID-RANDOM-CHECK" (a process id, 8 random hex digits and 8 more that a keyed hash makes of the rest):
    /// the end of every name this process gives a temporary path after <paramref name="prefix"/>. The check
    /// is how a later run knows that fw2v made the name, and not a user who named a file alike.
    /// </summary>
    internal static string UniqueSuffix(string prefix) =>
        Suffix(prefix, Environment.ProcessId, (uint)Random.Shared.Next());

    internal static string Suffix(string prefix, int pid, uint random) =>
        $"{pid}-{random:x8}{Check(prefix, pid, random):x8}";

    private static uint Check(string prefix, int pid, uint random)
    {
        // FNV-1a over the name's parts with fw2v's own offset basis: no accidental match, no secret needed.
        uint hash = 0x9E3779B9;
        foreach (char c in $"fw2v temporary {prefix}{pid}-{random:x8}") hash = (hash ^ c) * 16777619;
        return hash;
    }

    /// <summary>The process id in a name that <see cref="UniqueSuffix"/> made after <paramref name="prefix"/>, or
    /// null (any other name).</summary>
    internal static int? PidOf(string name, string prefix)
    {
        if (!name.StartsWith(prefix, StringComparison.Ordinal)) return null;
        var parts = name[prefix.Length..].Split('-');
        if (parts.Length != 2 || parts[1].Length != 16 || !parts[1].All(char.IsAsciiHexDigitLower)) return null;
        if (!int.TryParse(parts[0], out int pid) || pid <= 0) return null;
        uint random = Convert.ToUInt32(parts[1][..8], 16);
        return Suffix(prefix, pid, random) == name[prefix.Length..] ? pid : null;
    }

    /// <summary>
    /// Deletes, in <paramref name="folder"/>, what a run that no longer exists made and left: only names
    /// that <see cref="UniqueSuffix"/> made, owned by this user, not links; with <paramref name="folders"/>,
    /// only folders that hold the lock file and nothing but token-id files (a cache folder), else only
    /// regular files (a temporary output). Anything else, whatever its name, is left alone.
    /// </summary>
    internal static (int Count, long Bytes) ReclaimStale(string folder, string prefix, bool folders)
    {
        int count = 0;
        long bytes = 0;
        IEnumerable<string> entries;
        try { entries = Directory.EnumerateFileSystemEntries(folder, prefix + "*-*").ToList(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return (0, 0); }
        uint? user = Formats.FileStatus.EffectiveUser();
        foreach (var entry in entries)
        {
            if (PidOf(Path.GetFileName(entry), prefix) is not { } pid || !IsOfDeadProcess(pid)) continue;
            // What the name is itself (lstat): a link, a FIFO or someone else's file is never ours.
            if (Formats.FileStatus.Of(entry, followLinks: false) is not var (mode, uid, _) || uid != user) continue;
            try
            {
                long freed = folders ? (Formats.FileStatus.IsDirectory(mode) ? ReclaimFolder(entry) : -1)
                    : Formats.FileStatus.IsRegular(mode) ? ReclaimFile(entry) : -1;
                if (freed < 0) continue;
                bytes += freed;
                count++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        return (count, bytes);
    }

    /// <summary>A cache folder: its lock file, not held (a live run elsewhere holds it: .NET's FileShare.None
    /// is an flock on Linux), and only what fw2v puts there (token-id files, a spooled input, a benchmark's
    /// corpus). -1: not one.</summary>
    private static long ReclaimFolder(string entry)
    {
        var names = Directory.GetFileSystemEntries(entry).Select(Path.GetFileName).ToArray();
        if (!names.Contains(LockName) || names.Any(n => n != LockName && !IsIdFile(Path.Combine(entry, n!))))
            return -1;
        using (new FileStream(Path.Combine(entry, LockName), FileMode.Open, FileAccess.ReadWrite, FileShare.None)) { }
        long bytes = new DirectoryInfo(entry).EnumerateFiles().Sum(f => f.Length);
        Directory.Delete(entry, recursive: true);
        return bytes;
    }

    private static bool IsIdFile(string path) =>
        System.Text.RegularExpressions.Regex.IsMatch(Path.GetFileName(path),
            @"^(shard-\d{3,}\.ids|input\.txt|corpus\.txt)$")
        && Formats.FileStatus.Of(path, followLinks: false) is var (mode, _, _) && Formats.FileStatus.IsRegular(mode);

    private static long ReclaimFile(string entry)
    {
        var info = new FileInfo(entry);
        // A live writer holds it open exclusively (AtomicFile).
        using (new FileStream(entry, FileMode.Open, FileAccess.ReadWrite, FileShare.None)) { }
        long bytes = info.Length;
        info.Delete();
        return bytes;
    }
}
