namespace FastW2V.Native;

/// <summary>
/// The text of fw2v_train_stream, spooled to a file that training reads by path (in parallel shards, like any
/// corpus file). The file is unlinked the moment it is created and read through /proc/self/fd/N: it has no
/// name in any folder while it lives, so the kernel reclaims it when the descriptor closes, even when the host
/// is killed mid-training, and no other user can open it. Where /proc is missing it keeps its name in the
/// temporary folder until <see cref="Dispose"/>.
/// </summary>
internal sealed unsafe class StreamSpool : IDisposable
{
    private const int Capacity = 1 << 20;
    private readonly FileStream _file;
    private readonly string? _named; // where the file still has a name

    private StreamSpool(FileStream file, string name, bool unlinked)
    {
        _file = file;
        Name = name;
        _named = unlinked ? null : name;
        Path = unlinked ? $"/proc/self/fd/{file.SafeFileHandle.DangerousGetHandle()}" : name;
    }

    /// <summary>The path training reads.</summary>
    public string Path { get; }

    /// <summary>The name the file was created with (for keeping it out of messages).</summary>
    public string Name { get; }

    /// <summary>Spools everything <paramref name="read"/> gives, until it returns 0.</summary>
    /// <exception cref="FastW2VException">The callback reported an error, returned more than the capacity it
    /// was given, or gave no text.</exception>
    public static StreamSpool Fill(delegate* unmanaged<byte*, long, void*, long> read, void* user)
    {
        var spool = Create();
        try
        {
            spool.Copy(read, user);
            return spool;
        }
        catch
        {
            spool.Dispose();
            throw;
        }
    }

    private static StreamSpool Create()
    {
        string name = System.IO.Path.Combine(System.IO.Path.GetTempPath(),
            $"fw2v-stream-{Environment.ProcessId}-{Random.Shared.Next():x8}");
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew, Access = FileAccess.ReadWrite, Share = FileShare.ReadWrite | FileShare.Delete,
            BufferSize = 0,
        };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        var file = new FileStream(name, options);
        bool unlinked = Directory.Exists("/proc/self/fd");
        if (unlinked)
        {
            try { File.Delete(name); }
            catch
            {
                file.Dispose();
                File.Delete(name);
                throw;
            }
        }
        return new StreamSpool(file, name, unlinked);
    }

    private void Copy(delegate* unmanaged<byte*, long, void*, long> read, void* user)
    {
        var buffer = GC.AllocateUninitializedArray<byte>(Capacity, pinned: true);
        fixed (byte* b = buffer)
            while (true)
            {
                long n = read(b, Capacity, user);
                if (n < 0) throw new FastW2VException($"The read callback reported an error (it returned {n}).");
                if (n > Capacity)
                    throw new FastW2VException(
                        $"The read callback returned {n} bytes, more than the capacity of {Capacity} it was given.");
                if (n == 0) break;
                _file.Write(buffer, 0, (int)n);
            }
        _file.Flush();
        if (_file.Length == 0) throw new FastW2VException("The read callback gave no text (it returned 0 at once).");
    }

    public void Dispose()
    {
        _file.Dispose();
        if (_named != null) try { File.Delete(_named); } catch (IOException) { }
    }
}
