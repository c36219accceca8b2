using System.Text;

namespace FastW2V.Formats;

/// <summary>
/// Writes an output so that nothing the user had is lost. A regular file (or a new one) is written to a
/// temporary file in the same folder (same file system, so the rename is atomic), flushed to disk, given
/// the previous file's permissions and only then renamed over the target: readers see the old file or
/// the complete new one, and a failure leaves the old one untouched. A link is followed and its final
/// target written (the link stays a link). A FIFO or a character device (/dev/null, a terminal, a pipe
/// named as /dev/stdout) is written in place, never replaced; a block device or a socket is refused.
/// "-" is standard output.
/// </summary>
public static class AtomicFile
{
    private const int NameMax = 255; // bytes in one file name on Linux file systems

    /// <summary>The path that names standard output (pipelines: <c>--output -</c>).</summary>
    public const string StandardOutput = StandardStreams.Name;

    /// <summary>Writes <paramref name="path"/> through a temp file renamed over it ("-": standard output).</summary>
    public static void Write(string path, Action<Stream> write, string what = "output file")
    {
        if (path == StandardOutput)
        {
            using var stdout = StandardStreams.OpenOutput();
            var buffered = new BufferedStream(stdout, 1 << 20);
            write(buffered);
            buffered.Flush();
            return;
        }
        string target = Target(path, what);
        var kind = FileKinds.Of(target);
        CheckKind(target, kind, what);
        if (kind is FileKind.Fifo or FileKind.CharacterDevice)
        {
            WriteInPlace(target, write, what);
            return;
        }
        string temp = WriteTemp(target, kind, write, what);
        try { File.Move(temp, target, overwrite: true); }
        catch
        {
            TryDelete(temp);
            throw;
        }
        finally { TemporaryPaths.Remove(temp); }
    }

    /// <summary>
    /// Writes several files as one set: every target is checked and every file written to its temporary
    /// file first, and only then are they renamed into place, so a failure on any of them leaves all the
    /// old files as they were (vectors and their metadata never disagree).
    /// </summary>
    public static void WriteAll(IReadOnlyList<(string Path, Action<Stream> Write, string What)> files)
    {
        var targets = files.Select(f => Target(f.Path, f.What)).ToArray();
        for (int i = 0; i < files.Count; i++)
        {
            var kind = FileKinds.Of(targets[i]);
            CheckKind(targets[i], kind, files[i].What);
            if (kind is not (FileKind.Regular or FileKind.Missing))
                throw new FastW2VException($"Cannot write the {files[i].What} '{targets[i]}' with the others as one "
                    + "set: it is not a file.");
        }
        var temps = new List<string>();
        try
        {
            for (int i = 0; i < files.Count; i++)
                temps.Add(WriteTemp(targets[i], FileKinds.Of(targets[i]), files[i].Write, files[i].What));
            for (int i = 0; i < files.Count; i++) File.Move(temps[i], targets[i], overwrite: true);
        }
        catch
        {
            foreach (string temp in temps) TryDelete(temp);
            throw;
        }
        finally { foreach (string temp in temps) TemporaryPaths.Remove(temp); }
    }

    /// <summary>
    /// The content written to a new temporary file beside <paramref name="target"/>, flushed to disk, with
    /// the replaced file's owner and permissions; returns its path (registered for deletion on a signal).
    /// The file is written, given its permissions and checked through the descriptor that created it: a
    /// link swapped in under its name cannot redirect the write.
    /// </summary>
    private static string WriteTemp(string target, FileKind kind, Action<Stream> write, string what)
    {
        var stream = CreateTemp(target, what, out string temp);
        TemporaryPaths.AddFile(temp);
        try
        {
            using (stream)
            {
                if (kind == FileKind.Regular && !OperatingSystem.IsWindows()) KeepOwnerAndMode(stream, target);
                write(stream);
                stream.Flush(flushToDisk: true);
                var written = FileStatus.IdentityOf(stream.SafeFileHandle);
                if (written != null && FileStatus.IdentityOf(temp) != written)
                    throw new FastW2VException($"Cannot write the {what} '{target}': its temporary file '{temp}' was "
                        + "replaced while it was written.");
            }
            return temp;
        }
        catch
        {
            TryDelete(temp);
            TemporaryPaths.Remove(temp);
            throw;
        }
    }

    /// <summary>Fails early, with a clear message, when <paramref name="path"/> cannot be written.</summary>
    public static void CheckWritable(string path, string what)
    {
        if (path == StandardOutput) return;
        string target = Target(path, what);
        var kind = FileKinds.Of(target);
        CheckKind(target, kind, what);
        // A FIFO is not opened here: opening it for writing waits for a reader.
        if (kind is FileKind.Fifo or FileKind.CharacterDevice) return;
        CreateTemp(target, what, out string temp).Dispose();
        TryDelete(temp);
    }

    /// <summary>The file an output path finally names: links followed (a dangling link names its target).</summary>
    public static string Target(string path, string what = "output file")
    {
        if (string.IsNullOrEmpty(path)) throw new FastW2VException($"The {what} path is empty.");
        return FileKinds.Resolve(path);
    }

    private static void CheckKind(string target, FileKind kind, string what)
    {
        switch (kind)
        {
            case FileKind.Directory:
                throw new FastW2VException($"Cannot write the {what} '{target}': it is a directory.");
            case FileKind.BlockDevice or FileKind.Socket or FileKind.Other:
                throw new FastW2VException($"Cannot write the {what} '{target}': it is a {Describe(kind)}, not a file "
                    + $"(fw2v writes files, FIFOs and character devices).");
        }
    }

    private static string Describe(FileKind kind) => kind switch
    {
        FileKind.BlockDevice => "block device",
        FileKind.Socket => "socket",
        _ => "special file",
    };

    private static void WriteInPlace(string target, Action<Stream> write, string what)
    {
        FileStream stream;
        try { stream = new FileStream(target, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1 << 20); }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new FastW2VException($"Cannot write the {what} '{target}': {e.Message}");
        }
        using (stream)
        {
            write(stream);
            stream.Flush();
        }
    }

    /// <summary>
    /// The replaced file's owner, group and permissions for the new one, never a set-user or set-group bit:
    /// a file that root rewrites for another user stays that user's, and no new file carries privileges.
    /// </summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void KeepOwnerAndMode(FileStream stream, string target)
    {
        var handle = stream.SafeFileHandle;
        if (FileStatus.Of(target) is var (_, uid, gid) && !FileStatus.ChangeOwner(handle, uid, gid))
            FileStatus.ChangeOwner(handle, uint.MaxValue, gid); // not root: at least the group, where allowed
        var mode = File.GetUnixFileMode(target) & ~(UnixFileMode.SetUser | UnixFileMode.SetGroup);
        File.SetUnixFileMode(handle, mode);
    }

    private static FileStream CreateTemp(string full, string what, out string temp)
    {
        string folder = Path.GetDirectoryName(full) ?? ".";
        if (!Directory.Exists(folder))
            throw new FastW2VException($"Cannot write the {what} '{full}': the folder '{folder}' does not exist.");
        string prefix = TempPrefix(Path.GetFileName(full));
        // A run killed while writing (kill -9) left its hidden temporary file: reclaim it.
        TemporaryPaths.ReclaimStale(folder, prefix, folders: false);
        temp = Path.Combine(folder, prefix + TemporaryPaths.UniqueSuffix(prefix));
        try { return new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20); }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new FastW2VException($"Cannot write the {what} '{full}': {e.Message}");
        }
    }

    /// <summary>
    /// ".NAME.tmp-", with NAME shortened (by whole characters) so that the temporary name, with its
    /// "PID-HEX" suffix, fits the file system's 255-byte limit even when NAME itself nearly fills it.
    /// </summary>
    internal static string TempPrefix(string name)
    {
        const int Suffix = 1 + 5 + 10 + 1 + 16; // ".", ".tmp-", a pid of up to 10 digits, "-", 16 hex digits
        while (Encoding.UTF8.GetByteCount(name) + Suffix > NameMax && name.Length > 1)
            name = name[..^(char.IsLowSurrogate(name[^1]) && name.Length > 2 ? 2 : 1)];
        return $".{name}.tmp-";
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
