using System.IO.Compression;

namespace FastW2V.Bench;

/// <summary>The first megabytes of the shared benchmark corpus, decompressed once per process.</summary>
internal static class BenchData
{
    public static byte[] CorpusPrefix(int bytes)
    {
        string dir = AppContext.BaseDirectory;
        string? file = null;
        for (var d = new DirectoryInfo(dir); d != null; d = d.Parent)
        {
            string candidate = Path.Combine(d.FullName, "..", "shared", "data", "enwiki2015-text8like.gz");
            if (File.Exists(candidate)) { file = candidate; break; }
        }
        if (file == null) throw new FileNotFoundException("../shared/data/enwiki2015-text8like.gz not found above " + dir);
        using var z = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
        var buffer = new byte[bytes];
        z.ReadExactly(buffer);
        return buffer;
    }
}
