namespace FastW2V;

/// <summary>What a throughput benchmark trains on: a named file (or its first bytes), or the built-in
/// <see cref="SyntheticCorpus"/>. Nothing is read that the user did not name.</summary>
/// <param name="Path">A corpus file; null: the synthetic corpus.</param>
/// <param name="SyntheticWords">Words of the synthetic corpus.</param>
/// <param name="SliceBytes">Above 0: only the file's first bytes, cut after a separator (a quick look).</param>
public sealed record BenchmarkCorpus(string? Path, long SyntheticWords = 10_000_000, long SliceBytes = 0)
{
    /// <summary>How the benchmark's report names it.</summary>
    public string Name => Path == null ? $"synthetic Zipf corpus ({SyntheticWords:N0} words)"
        : SliceBytes > 0 ? $"{Path} (its first {SliceBytes / 1e6:N0} MB)" : Path;

    /// <summary>
    /// <paramref name="use"/> given the text as a file to train on: the named file itself, or one written
    /// to a temporary cache folder (locked while it lives, reclaimed by a later run if this one is killed)
    /// and deleted after.
    /// </summary>
    internal T Use<T>(Func<string, T> use)
    {
        if (Path != null && SliceBytes <= 0) return use(Path);
        string folder = Preparation.CacheFolder.Create(null, keep: false, log: null);
        try
        {
            string file = System.IO.Path.Combine(folder, "corpus.txt");
            if (Path == null) SyntheticCorpus.Write(file, SyntheticWords);
            else Slice(Path, file, SliceBytes);
            return use(file);
        }
        finally { Preparation.CacheFolder.TryDelete(folder); }
    }

    private static void Slice(string from, string to, long bytes)
    {
        var source = new Corpus.CorpusSource(from);
        if (source.IsStreamed) throw new FastW2VException("--quick slices a plain file: give an uncompressed corpus.");
        using var input = Formats.FileInput.OpenRead(from, "training file");
        using var output = new FileStream(to, FileMode.CreateNew, FileAccess.Write);
        long cut = Corpus.ShardPlanner.Align(input.SafeFileHandle, Math.Min(bytes, input.Length), input.Length);
        var buffer = new byte[1 << 20];
        for (long left = cut; left > 0;)
        {
            int n = input.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (n == 0) break;
            output.Write(buffer, 0, n);
            left -= n;
        }
    }
}
