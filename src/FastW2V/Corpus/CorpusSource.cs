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
    public string DisplayName => IsStandardInput ? "standard input" : Path;

    public CorpusSource(string path)
    {
        Path = ResolvedPath = path;
        if (IsStandardInput) return;
        FileInput.CheckReadable(path, "training file");
        var kind = FileKinds.Of(path);
        if (kind is FileKind.Fifo or FileKind.CharacterDevice or FileKind.Socket) { IsPipe = true; return; }
        ResolvedPath = FileKinds.Resolve(path);
        using var f = FileInput.OpenRead(path, "training file");
        if (f.Length == 0) throw new FastW2VException($"The training file '{path}' is empty.");
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
        if (IsStandardInput) return Console.OpenStandardInput(1 << 20);
        var file = FileInput.OpenRead(Path, "training file");
        return IsGzip ? GzipReader.Open(file, Path) : file;
    }
}
