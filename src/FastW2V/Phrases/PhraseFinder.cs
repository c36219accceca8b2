using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Microsoft.Win32.SafeHandles;
using FastW2V.Corpus;
using FastW2V.Preparation;
using FastW2V.Vocabulary;

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
    /// <summary>word2phrase's word separators (a carriage return is dropped, not a separator).</summary>
    private static ReadOnlySpan<byte> Separators => " \t\n"u8;
    private const int LookBackBytes = 4096;

    public static PhraseResult Run(CorpusSource source, Stream output, PhraseOptions options)
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
        var (count, vocabulary) = Count(file, length, name, options);
        TimeSpan scanned = count.ScanTime;
        try
        {
            TimeSpan countTime = clock.Elapsed;
            clock.Restart();
            long joined = Write(file, length, name, vocabulary, output, options);
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

    private sealed record Counted(long Words, long DistinctKeys, int Shards, bool Sequential, int PruneRounds, bool DroppedLastWord, TimeSpan ScanTime);

    private static (Counted, PhraseVocabulary) Count(SafeFileHandle file, long length, string name, PhraseOptions options)
    {
        // Tiny files get one shard: shards under 64 KiB cost more to merge than they save.
        var clock = Stopwatch.StartNew();
        int shards = (int)Math.Clamp(length / (64 << 10), 1, options.Threads);
        long[] bounds = ShardPlanner.Plan(file, length, shards, Separators);
        var counters = new PhraseCounter[shards];
        bool droppedLast = false;
        string? why = null;
        try
        {
            Parallel.For(0, shards, new ParallelOptions { MaxDegreeOfParallelism = options.Threads }, s =>
            {
                // Shard 0's table becomes the merged one: sized for the whole text, it is never rehashed.
                long bytes = s == 0 ? length : bounds[s + 1] - bounds[s];
                var counter = counters[s] = new PhraseCounter(ExpectedKeys(bytes), startsFile: s == 0, options.PruneThreshold, prune: false);
                bool open = CountRange(file, bounds[s], bounds[s + 1], name, counter, options);
                if (s == shards - 1) droppedLast = open;
            });
            TimeSpan scanned = clock.Elapsed;
            var merged = Merge(counters);
            if (merged.Count > options.PruneThreshold) throw new VocabularyOverflowException();
            long words = counters.Sum(c => c.Words), distinct = merged.Count;
            if (words == 0) throw new FastW2VException($"The training input {name} contains no words.");
            if (PhraseVocabulary.Select(merged, words, options, inFirstAppearanceOrder: false) is { } selected)
                return (new Counted(words, distinct, shards, false, 0, droppedLast, scanned), selected);
            merged.Dispose();
            why = "no word or pair is below min-count, so word2phrase's drop of its last sorted key depends on the order words first appear";
        }
        catch (Exception e) when (IsOverflow(e))
        {
            why = $"more than {options.PruneThreshold:N0} distinct words and pairs: word2phrase prunes the rarest as it goes";
        }
        catch (AggregateException e) when (e.InnerExceptions.FirstOrDefault(i => i is FastW2VException) is { } first)
        {
            ExceptionDispatchInfo.Throw(first); // a shard's one-line error, not its wrapper
        }
        finally
        {
            foreach (var c in counters) if (c != null && why != null) c.Table.Dispose();
        }
        options.Log?.Invoke($"Counting again in one pass: {why}.");
        var sequential = new PhraseCounter(ExpectedKeys(length), startsFile: true, options.PruneThreshold, prune: true);
        bool openAtEnd = CountRange(file, 0, length, name, sequential, options);
        if (sequential.Words == 0) throw new FastW2VException($"The training input {name} contains no words.");
        var scannedOnce = clock.Elapsed;
        long distinctKeys = sequential.Table.Count;
        var vocabulary = PhraseVocabulary.Select(sequential.Table, sequential.Words, options, inFirstAppearanceOrder: true)!;
        return (new Counted(sequential.Words, distinctKeys, 1, true, sequential.PruneRounds, openAtEnd, scannedOnce), vocabulary);
    }

    /// <summary>A first size for a shard's table, so it rarely grows (each growth moves every slot):
    /// English text holds about one new word or pair per 20 bytes at 50 MB.</summary>
    private static long ExpectedKeys(long bytes) => bytes / 16;

    private static bool IsOverflow(Exception e) =>
        e is VocabularyOverflowException ||
        e is AggregateException a && a.Flatten().InnerExceptions.All(i => i is VocabularyOverflowException);

    /// <summary>Counts [start, end); true when a word is still open at the end (the file's unterminated last word).</summary>
    private static bool CountRange(SafeFileHandle file, long start, long end, string name, PhraseCounter counter, PhraseOptions options)
    {
        var tokenizer = new PhraseTokenizer();
        var sink = new PhraseCounter.Sink(counter);
        RangeReader.Read(file, start, end, name, validate: true, options.CheckUtf8, (piece, _) => tokenizer.Feed(piece, ref sink));
        counter.Flush();
        return tokenizer.HasOpenWord;
    }

    /// <summary>Merges the shard tables in text order, adding the pair of words on each side of every cut.</summary>
    private static WordCountTable Merge(PhraseCounter[] counters)
    {
        var merged = counters[0].Table;
        // Shard 0 starts the file: its previous word is word2phrase's uninitialised one, so a first word
        // that only a later shard holds still gets word2phrase's extra first pair.
        byte[] previous = counters[0].LastWord;
        Span<byte> pair = stackalloc byte[2 * PhraseTokenizer.MaxWordBytes + 1];
        for (int s = 1; s < counters.Length; s++)
        {
            var counter = counters[s];
            merged.AddAllOf(counter.Table);
            counter.Table.Dispose();
            if (counter.FirstWord is not { } first) continue; // a shard without words
            previous.CopyTo(pair);
            pair[previous.Length] = (byte)'_';
            first.CopyTo(pair[(previous.Length + 1)..]);
            merged.Add(pair[..Math.Min(PairBuffer.MaxPairBytes, previous.Length + 1 + first.Length)], 1);
            previous = counter.LastWord;
        }
        return merged;
    }

    /// <summary>The second pass: ranges joined in parallel, a few at a time, written in order. Returns the words joined.</summary>
    private static long Write(SafeFileHandle file, long length, string name, PhraseVocabulary vocabulary, Stream output, PhraseOptions options)
    {
        int ranges = (int)Math.Max(options.Threads, Math.Min(1 << 20, length / options.RangeBytes));
        long[] bounds = ShardPlanner.Plan(file, length, ranges, Separators);
        int wave = options.Threads * 2;
        var outputs = new PhraseOutput[Math.Min(wave, ranges)];
        long joined = 0;
        for (int first = 0; first < ranges; first += wave)
        {
            int n = Math.Min(wave, ranges - first);
            var done = new long[n];
            Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = options.Threads }, i =>
            {
                long start = bounds[first + i], end = bounds[first + i + 1];
                var buffer = outputs[i] ??= new PhraseOutput((int)Math.Min(options.RangeBytes * 5 / 4, end - start + 64));
                buffer.Clear();
                done[i] = JoinRange(file, start, end, name, vocabulary, buffer);
            });
            for (int i = 0; i < n; i++)
            {
                output.Write(outputs[i].Bytes);
                joined += done[i];
            }
        }
        output.Flush();
        return joined;
    }

    /// <summary>Writes [start, end) joined into <paramref name="output"/>; returns the words joined.</summary>
    private static long JoinRange(SafeFileHandle file, long start, long end, string name, PhraseVocabulary vocabulary, PhraseOutput output)
    {
        var joiner = new PhraseJoiner(vocabulary);
        var tokenizer = new PhraseTokenizer();
        var sink = new PhraseJoiner.Sink(joiner);
        // Look back until the state at the range's start is known (a few words, almost always).
        for (long lookBack = LookBackBytes; ; lookBack *= 8)
        {
            long from = Math.Max(0, start - lookBack);
            joiner.Begin(startOfFile: from == 0);
            tokenizer.Reset();
            if (from < start)
            {
                var back = new byte[start - from];
                using (var stream = new ShardStream(file, from, back.Length, name)) stream.ReadExactly(back);
                // Start at a word boundary: just after a separator (the byte before start is one).
                int at = from == 0 ? 0 : back.AsSpan().IndexOfAny(Separators) + 1;
                tokenizer.Feed(back.AsSpan(at), ref sink);
                joiner.Flush();
            }
            if (joiner.Synchronized) break;
        }
        joiner.Output = output;
        RangeReader.Read(file, start, end, name, validate: false, checkUtf8: false, (piece, _) => tokenizer.Feed(piece, ref sink));
        joiner.Flush();
        return joiner.Joined;
    }
}
