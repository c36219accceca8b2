namespace FastW2V.Corpus;

/// <summary>
/// The disk the token-id cache will take (4 bytes a token), estimated before counting from the tokens
/// in the first megabytes of a plain file, and checked against the cache folder's free space, so a
/// billion-token run does not fill the disk half-way through encoding.
/// </summary>
internal static unsafe class CacheEstimate
{
    private const int SampleBytes = 4 << 20;

    /// <summary>Estimated cache bytes for a plain file, or null for a stream (its size is unknown).</summary>
    public static long? Bytes(CorpusSource source)
    {
        if (source.IsStreamed) return null;
        long length = new FileInfo(source.ResolvedPath).Length;
        if (length == 0) return 0;
        int sample = (int)Math.Min(length, SampleBytes);
        var buffer = new byte[sample];
        using (var f = File.OpenRead(source.ResolvedPath)) f.ReadExactly(buffer);
        var counter = new TokenCounter();
        fixed (byte* p = buffer) WordScanner.Scan(p, sample, ref counter);
        // 10% over the sample's rate: the rest of the corpus may be denser.
        return (long)(counter.Tokens * (length / (double)sample) * 1.1 * sizeof(int)) + (1 << 20);
    }

    /// <summary>Throws one line when the cache would not fit in its folder's free space.</summary>
    public static void Check(IEnumerable<CorpusSource> sources, string? cacheFolder)
    {
        if (cacheFolder == "") throw new FastW2VException("The cache folder path is empty.");
        var plain = sources.Where(s => !s.IsStreamed).ToList();
        long total = plain.Sum(s => s.Length);
        // The rate of the first file with text, scaled to every plain file: a corpus of many small files is
        // not read once more before counting.
        var sample = plain.FirstOrDefault(s => s.Length > 0);
        if (sample == null || Bytes(sample) is not { } sampleNeed) return;
        long need = (long)((sampleNeed - (1 << 20)) * (total / (double)sample.Length)) + (1 << 20);
        string root = Path.GetFullPath(cacheFolder ?? Path.GetTempPath());
        long free;
        try { free = new DriveInfo(root).AvailableFreeSpace; }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException) { return; }
        if (need > free)
            throw new FastW2VException($"The token-id cache needs about {ByteSize.Format(need)} in {root} but " +
                $"{ByteSize.Format(free)} is free: "
                + "give --cache DIR on a larger disk (or --force to try anyway).");
    }

    private struct TokenCounter : ITokenSink
    {
        public long Tokens;
        public void Word(byte* start, int length) => Tokens++;
        public void SentenceEnd() => Tokens++;
    }
}
