using FastW2V.Formats;

namespace FastW2V.Corpus;

/// <summary>
/// Where a corpus comes from: a plain file (read in parallel shards with pread, see ShardStream), a
/// gzip file (recognised by its magic bytes, streamed), standard input ("-") or any other path that is
/// not a regular file — a FIFO, /dev/stdin, a process substitution (&lt;(cmd)), a character device —
/// read once as a plain-text stream. A link is followed: its target's size is the corpus's.
/// </summary>
internal sealed class CorpusSource
{
    public string Path { get; }
    /// <summary>The file a regular input finally names (links followed); <see cref="Path"/> otherwise.</summary>
    public string ResolvedPath { get; }
    public bool IsStandardInput => Path == "-";
    public bool IsGzip { get; }
    /// <summary>A FIFO or device: no size, no second reading.</summary>
    public bool IsPipe { get; }
    public bool IsStreamed => IsStandardInput || IsGzip || IsPipe;
    /// <summary>The size of a regular file (0 for standard input and pipes).</summary>
    public long Length { get; }
    public string DisplayName => IsStandardInput ? "standard input" : Path;

    /// <param name="allowEmpty">An empty file is a corpus of nothing (one of several files) rather than an
    /// error.</param>
    public CorpusSource(string path, bool allowEmpty = false)
    {
        Path = ResolvedPath = path;
        if (IsStandardInput) return;
        FileInput.CheckReadable(path, "training file");
        var kind = FileKinds.Of(path);
        if (kind is FileKind.Fifo or FileKind.CharacterDevice or FileKind.Socket) { IsPipe = true; return; }
        ResolvedPath = FileKinds.Resolve(path);
        using var f = FileInput.OpenRead(path, "training file");
        Length = f.Length;
        if (f.Length == 0 && !allowEmpty) throw new FastW2VException($"The training file '{path}' is empty.");
        IsGzip = f.Length >= 2 && f.ReadByte() == 0x1f && f.ReadByte() == 0x8b;
    }

    /// <summary>The one-line error for a failure while reading this source's stream (null: not such a
    /// failure).</summary>
    public FastW2VException? ReadFailure(Exception e) => e switch
    {
        InvalidDataException => new($"{DisplayName}: not a valid gzip file ({e.Message})"),
        // A closed standard input (fw2v ... <&-) reads as EBADF: "Access to the path is denied."
        IOException or UnauthorizedAccessException => new(IsStandardInput
            ? $"Cannot read standard input: it is closed or not readable ({e.Message})"
            : $"Cannot read {DisplayName}: {e.Message}"),
        _ => null,
    };

    /// <summary>The byte stream of a streamed source (decompressed for gzip).</summary>
    public Stream OpenStream()
    {
        if (IsStandardInput) return Ungzipped(Console.OpenStandardInput(1 << 20));
        var file = FileInput.OpenRead(Path, "training file");
        return IsGzip ? GzipReader.Open(file, Path) : IsPipe ? Ungzipped(file) : file;
    }

    /// <summary>A pipe or standard input carrying gzip (its magic bytes first) is decompressed as it is read.</summary>
    private Stream Ungzipped(Stream stream)
    {
        var head = new byte[2];
        int got = stream.ReadAtLeast(head, 2, throwOnEndOfStream: false);
        var whole = new PrefixedStream(head.AsMemory(0, got), stream);
        return got == 2 && head[0] == 0x1f && head[1] == 0x8b ? GzipReader.Open(whole, DisplayName) : whole;
    }
}
