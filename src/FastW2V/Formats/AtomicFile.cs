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
        string temp = CreateTemp(target, what);
        TemporaryPaths.AddFile(temp);
        try
        {
            using (var stream = new FileStream(temp, FileMode.Open, FileAccess.Write, FileShare.None, 1 << 20))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            if (kind == FileKind.Regular && !OperatingSystem.IsWindows())
                File.SetUnixFileMode(temp, File.GetUnixFileMode(target)); // the previous file's permissions
            File.Move(temp, target, overwrite: true);
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
        if (path == StandardOutput) return;
        string target = Target(path, what);
        var kind = FileKinds.Of(target);
        CheckKind(target, kind, what);
        // A FIFO is not opened here: opening it for writing waits for a reader.
        if (kind is FileKind.Fifo or FileKind.CharacterDevice) return;
        TryDelete(CreateTemp(target, what));
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

    private static string CreateTemp(string full, string what)
    {
        string folder = Path.GetDirectoryName(full) ?? ".";
        if (!Directory.Exists(folder))
            throw new FastW2VException($"Cannot write the {what} '{full}': the folder '{folder}' does not exist.");
        string prefix = TempPrefix(Path.GetFileName(full));
        // A run killed while writing (kill -9) left its hidden temporary file: reclaim it.
        TemporaryPaths.ReclaimStale(folder, prefix);
        string temp = Path.Combine(folder, prefix + TemporaryPaths.UniqueSuffix());
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

    /// <summary>
    /// ".NAME.tmp-", with NAME shortened (by whole characters) so that the temporary name, with its
    /// "PID-HEX" suffix, fits the file system's 255-byte limit even when NAME itself nearly fills it.
    /// </summary>
    internal static string TempPrefix(string name)
    {
        const int Suffix = 1 + 5 + 10 + 1 + 8; // ".", ".tmp-", a pid of up to 10 digits, "-", 8 hex digits
        while (Encoding.UTF8.GetByteCount(name) + Suffix > NameMax && name.Length > 1)
            name = name[..^(char.IsLowSurrogate(name[^1]) && name.Length > 2 ? 2 : 1)];
        return $".{name}.tmp-";
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
