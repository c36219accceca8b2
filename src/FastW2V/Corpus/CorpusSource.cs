using System.IO.Compression;
using FastW2V.Formats;

namespace FastW2V.Corpus;

/// <summary>
/// Where a corpus comes from: a plain file (read through a memory map, counted in parallel shards), a
/// gzip file (recognised by its magic bytes, streamed) or standard input ("-", streamed).
/// </summary>
public sealed class CorpusSource
{
    public string Path { get; }
    public bool IsStandardInput => Path == "-";
    public bool IsGzip { get; }
    public bool IsStreamed => IsStandardInput || IsGzip;
    public string DisplayName => IsStandardInput ? "standard input" : Path;

    public CorpusSource(string path)
    {
        Path = path;
        if (IsStandardInput) return;
        FileInput.CheckReadable(path, "training file");
        long length = new FileInfo(path).Length;
        if (length == 0) throw new FastW2VException($"The training file '{path}' is empty.");
        using var f = FileInput.OpenRead(path, "training file");
        IsGzip = length >= 2 && f.ReadByte() == 0x1f && f.ReadByte() == 0x8b;
    }

    /// <summary>The byte stream of a streamed source (decompressed for gzip).</summary>
    public Stream OpenStream()
    {
        if (IsStandardInput) return Console.OpenStandardInput(1 << 20);
        var file = FileInput.OpenRead(Path, "training file");
        return new GZipStream(file, CompressionMode.Decompress);
    }
}
