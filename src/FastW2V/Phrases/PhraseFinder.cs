using System.Diagnostics;
using Microsoft.Win32.SafeHandles;
using FastW2V.Corpus;
using FastW2V.Preparation;

namespace FastW2V.Phrases;

/// <summary>
/// word2phrase, exactly and in parallel: count every word and bigram key of the text (one word-aligned
/// shard per thread, merged in order), keep what word2phrase keeps, then rewrite the text joining the
/// pairs whose score passes the threshold (word-aligned ranges in parallel, written in order). The output
/// is byte-identical to word2phrase's. A streamed input (gzip, standard input, a pipe) is unpacked to a
/// scratch file first: like word2phrase, this reads the text twice.
/// </summary>
public static unsafe class PhraseFinder
{
    /// <summary>word2phrase's word separators (a carriage return is dropped, not a separator): ranges start after
    /// one.</summary>
    internal static ReadOnlySpan<byte> Separators => " \t\n"u8;

    /// <summary>Runs word2phrase on <paramref name="inputPath"/> (plain text, .gz, or "-" for standard input), writing
    /// the joined text to <paramref name="output"/>.</summary>
    /// <exception cref="FastW2VException">Bad input or options (a one-sentence message).</exception>
    public static PhraseResult Run(string inputPath, Stream output, PhraseOptions options) =>
        Run(new CorpusSource(inputPath), output, options);

    internal static PhraseResult Run(CorpusSource source, Stream output, PhraseOptions options)
    {
        options.Validate();
        if (!source.IsStreamed) return RunFile(source.Path, source.DisplayName, output, options);
        string folder = CacheFolder.Create(options.CacheFolder, keep: false, options.Log);
        try
        {
            string spooled = Path.Combine(folder, "input.txt");
            Spool(source, spooled);
            return RunFile(spooled, source.DisplayName, output, options);
        }
        finally { CacheFolder.TryDelete(folder); }
    }

    private static void Spool(CorpusSource source, string path)
    {
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1);
        var buffer = new byte[1 << 20];
        using var input = source.OpenStream();
        while (true)
        {
            int read;
            try { read = input.Read(buffer); }
            catch (Exception e) when (source.ReadFailure(e) is { } failure) { throw failure; }
            if (read == 0) return;
            file.Write(buffer, 0, read);
        }
    }

    private static PhraseResult RunFile(string path, string name, Stream output, PhraseOptions options)
    {
        using var file = Open(path, name);
        long length = RandomAccess.GetLength(file);
        if (length == 0) throw new FastW2VException($"The training input {name} is empty.");
        var clock = Stopwatch.StartNew();
        var (count, vocabulary) = PhraseCountPass.Count(file, length, name, options);
        TimeSpan scanned = count.ScanTime;
        try
        {
            TimeSpan countTime = clock.Elapsed;
            clock.Restart();
            long joined = PhraseJoinPass.Write(file, length, name, vocabulary, output, options);
            return new PhraseResult
            {
                InputBytes = length,
                Words = count.Words,
                DistinctKeys = count.DistinctKeys,
                VocabularySize = vocabulary.ReportedSize,
                KeptKeys = vocabulary.Count,
                Joined = joined,
                Shards = count.Shards,
                Sequential = count.Sequential,
                PruneRounds = count.PruneRounds,
                DroppedLastWord = count.DroppedLastWord,
                CountTime = countTime,
                MergeTime = countTime - scanned,
                WriteTime = clock.Elapsed,
            };
        }
        finally { vocabulary.Dispose(); }
    }

    private static SafeFileHandle Open(string path, string name)
    {
        try { return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FastW2VException($"Cannot read the training file '{name}': {e.Message}");
        }
    }
}
