using System.Diagnostics;
using Microsoft.Win32.SafeHandles;
using FastW2V.Corpus;
using FastW2V.Distributed;
using FastW2V.Vocabularies;

namespace FastW2V.Preparation;


/// <summary>
/// Corpus → vocabulary (→ token ids). A plain file is split into one word-aligned shard per thread;
/// each shard is read in 4 MiB buffers (pread, see <see cref="ShardStream"/>), validated, tokenised and
/// counted into its own table in parallel, writing every token's provisional id (its index in that
/// table) at the same time, so the text is read once. The tables are merged in corpus order, then each
/// id file is remapped in place to final ids. Streamed sources (gzip, stdin, pipes) go the same way as
/// a single shard.
/// </summary>
internal static unsafe class CorpusPreparation
{
    private const int StreamBufferBytes = 4 << 20;

    /// <summary>A pinned buffer for <see cref="StreamChunks"/>.</summary>
    internal static byte[] NewBuffer() => GC.AllocateUninitializedArray<byte>(StreamBufferBytes, pinned: true);

    /// <summary>A corpus of one or several files (see <see cref="FileSetPreparation"/>).</summary>
    public static PreparedCorpus Prepare(CorpusSet set, PreparationOptions options) => set.IsSingle
        ? Prepare(set.Sources[0], options)
        : InCacheFolder(options, folder => FileSetPreparation.Prepare(set, options, folder));

    public static PreparedCorpus Prepare(CorpusSource source, PreparationOptions options) =>
        InCacheFolder(options, folder =>
        {
            if (source.IsStreamed && options.Ranks != null)
                throw new FastW2VException("--mpi needs a plain file that every rank reads its own part of; " +
                    $"{source.DisplayName} is {(source.IsGzip ? "gzip-compressed (gunzip it first)" : "a stream")}.");
            return source.IsStreamed ? PrepareStream(source, options, folder) : PrepareFile(source, options, folder);
        });

    /// <summary>
    /// The options checked, then <paramref name="prepare"/> run with the run's cache folder (made when the
    /// corpus is encoded; null otherwise), which a failure deletes unless it is to be kept.
    /// </summary>
    private static PreparedCorpus InCacheFolder(PreparationOptions options, Func<string?, PreparedCorpus> prepare)
    {
        options.Vocabulary.Validate();
        if (options.Threads < 1) throw new FastW2VException($"threads must be at least 1 (got {options.Threads}).");
        string? folder = options.Encode
            ? CacheFolder.Create(options.CacheFolder, options.KeepCache, options.Log)
            : null;
        try { return prepare(folder); }
        catch
        {
            if (folder != null && !options.KeepCache) CacheFolder.TryDelete(folder);
            throw;
        }
    }

    private static PreparedCorpus PrepareFile(CorpusSource source, PreparationOptions options, string? folder)
    {
        using var file = OpenCorpus(source);
        long length = RandomAccess.GetLength(file);
        var (start, end) = options.Ranks is { } ranks ? RankPart(file, length, ranks, source) : (0, length);
        long[] bounds = ShardedCount.Plan(file, start, end, options.Threads);
        var clock = Stopwatch.StartNew();
        if (options.GivenVocabulary != null)
        {
            var encoded = CountShards(file, bounds, options, folder, source.DisplayName, null);
            return Finish(source, options, folder, encoded, end - start, clock);
        }
        ShardCounter[] counters = [];
        // The vocabulary is defined by one sequential pass with word2vec.c's pruning. Until the corpus
        // holds more distinct words than the prune threshold that pass never prunes, so exact
        // parallel counts merged in corpus order give the same result, threads (and ranks) or not.
        return ShardedCount.CountOrFallBack(
            parallel: () =>
            {
                var budget = new DistinctWordBudget(2L * options.Vocabulary.PruneThreshold);
                try { counters = CountShards(file, bounds, options, folder, source.DisplayName, budget); }
                catch (Exception e) when (options.Ranks != null && VocabularyOverflowException.IsIn(e))
                {
                    // The other ranks are on their way to the exchange: tell them, and all go on below together.
                    VocabularyExchange.AgreeOnOverflow(options.Ranks, overflowedHere: true);
                }
                return Finish(source, options, folder, counters, end - start, clock);
            },
            abandon: () => { foreach (var c in counters) c.Abandon(); },
            overflowMessage: $"More than {options.Vocabulary.PruneThreshold:N0} distinct words: counting again " +
                "in one pass that prunes as word2vec.c's ReduceVocab does, then encoding against the result " +
                "(the vocabulary does not depend on -threads).",
            nullMessage: null,
            options.Log,
            sequential: () => PrepareFilePruned(source, options, folder, file, length, bounds, end - start, clock));
    }

    /// <summary>
    /// The vocabulary of one sequential pass over the whole file that prunes as word2vec.c does (in an MPI
    /// job rank 0 makes it and the others wait for its result), then this part encoded against it.
    /// </summary>
    private static PreparedCorpus PrepareFilePruned(CorpusSource source, PreparationOptions options, string? folder,
        SafeFileHandle file, long length, long[] bounds, long bytes, Stopwatch clock)
    {
        Vocabulary CountPruned()
        {
            var sequential = new ShardCounter(options, null, 0, null, length);
            using (var all = new ShardStream(file, 0, length, source.DisplayName))
                StreamChunks(all, sequential, source.DisplayName, 0);
            sequential.Complete();
            var (counted, _) = VocabularyMerger.Merge([sequential.Sink.Table], options.Vocabulary,
                sequential.Sink.Prunes.Count);
            CheckNotEmpty(counted, source.DisplayName, options);
            return counted;
        }
        var vocabulary = options.Ranks is { } job ? VocabularyExchange.FromRoot(job, CountPruned) : CountPruned();
        var encode = options with { GivenVocabulary = vocabulary };
        var encoders = folder != null ? CountShards(file, bounds, encode, folder, source.DisplayName, null) : [];
        var prepared = Finish(source, encode, folder, encoders, bytes, clock);
        options.Log?.Invoke($"Vocabulary pruned {vocabulary.PruneRounds} time(s) while counting: the rarest " +
            "words were dropped as word2vec.c's ReduceVocab does.");
        return prepared;
    }

    /// <summary>
    /// This rank's part of the file: the file cut at word boundaries into one part per rank, in rank
    /// order. Every rank must see the same file (a shared file system, or the same copy on each node).
    /// </summary>
    private static (long Start, long End) RankPart(SafeFileHandle file, long length, Distributed.MpiSession ranks,
        CorpusSource source)
    {
        Span<long> sizes = [length, -length];
        ranks.AllreduceMax(sizes);
        if (sizes[0] != -sizes[1])
            throw new FastW2VException($"The ranks see different training files at '{source.Path}' ({length:N0} " +
                $"bytes on rank {ranks.Rank}, {sizes[0]:N0} on another): give every rank the same file.");
        long[] parts = ShardPlanner.Plan(file, length, ranks.Size);
        return (parts[ranks.Rank], parts[ranks.Rank + 1]);
    }

    /// <summary>The corpus file, opened once for every shard's reads (pread: no shared position).</summary>
    private static SafeFileHandle OpenCorpus(CorpusSource source)
    {
        try { return File.OpenHandle(source.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FastW2VException($"Cannot read the training file '{source.Path}': {e.Message}");
        }
    }

    /// <summary>Counts (or, with a given vocabulary, encodes) each shard on its own thread.</summary>
    private static ShardCounter[] CountShards(SafeFileHandle file, long[] bounds, PreparationOptions options,
        string? folder, string name, DistinctWordBudget? budget) =>
        ShardedCount.CountShards(bounds, options.Threads,
            open: s => new ShardCounter(options, folder, s, budget, bounds[s + 1] - bounds[s]),
            count: (s, counter) =>
            {
                using (var shard = new ShardStream(file, bounds[s], bounds[s + 1] - bounds[s], name))
                    StreamChunks(shard, counter, name, bounds[s]);
                counter.Complete();
            },
            abandon: c => c.Abandon());

    private static PreparedCorpus PrepareStream(CorpusSource source, PreparationOptions options, string? folder)
    {
        var clock = Stopwatch.StartNew();
        // A stream's size is unknown: its table starts small and grows.
        var counter = new ShardCounter(options, folder, 0, null, 1L << 20);
        long total;
        using (var stream = source.OpenStream())
        {
            try { total = StreamChunks(stream, counter, source.DisplayName, 0); }
            catch (Exception e) when (source.ReadFailure(e) is { } failure) { throw failure; }
        }
        counter.Complete();
        if (total == 0) throw new FastW2VException($"The training input {source.DisplayName} is empty.");
        return Finish(source, options, folder, [counter], total, clock);
    }

    /// <summary>
    /// Feeds a stream to the counter in buffers that end at a separator, carrying a partial word over.
    /// A word longer than the buffer keeps its first 100 bytes and the rest is skipped, so memory stays
    /// bounded whatever the input.
    /// </summary>
    /// <param name="buffer">A buffer of <see cref="NewBuffer"/> to reuse (null: a new one): a shard that reads
    /// several files reads them all through one, instead of touching fresh pages for each.</param>
    internal static long StreamChunks(Stream stream, ShardCounter counter, string name, long start,
        byte[]? buffer = null)
    {
        buffer ??= NewBuffer();
        fixed (byte* b = buffer)
        {
            int filled = 0;
            long offset = start; // input offset of buffer[0]
            bool skipping = false;
            while (true)
            {
                int read = stream.ReadAtLeast(buffer.AsSpan(filled), buffer.Length - filled, throwOnEndOfStream: false);
                // The stream has ended exactly when a read returns less than it was asked for (the
                // buffer's fill level cannot tell: skipping removes bytes from it).
                bool atEnd = read < buffer.Length - filled;
                if (skipping)
                {
                    TextValidation.Check(b + filled, read, offset + filled, name, checkUtf8: false);
                    int k = buffer.AsSpan(filled, read).IndexOfAny(" \t\n\r"u8);
                    if (k < 0)
                    {
                        offset += read;
                        if (!atEnd) continue;
                        skipping = false;
                        read = 0;
                    }
                    else
                    {
                        buffer.AsSpan(filled + k, read - k).CopyTo(buffer.AsSpan(filled));
                        read -= k;
                        offset += k;
                        skipping = false;
                    }
                }
                filled += read;
                if (atEnd) // everything left is whole words
                {
                    counter.Process(b, filled, offset, name);
                    return offset + filled;
                }
                int last = buffer.AsSpan(0, filled).LastIndexOfAny(" \t\n\r"u8);
                if (last < 0)
                {
                    TextValidation.Check(b, filled, offset, name, checkUtf8: false);
                    // One word fills the buffer: keep what the word keeps anyway, skip to its end.
                    filled = Tokenization.TruncatedLength(buffer.AsSpan(0, Tokenization.MaxWordBytes + 1));
                    offset += buffer.Length - filled;
                    skipping = true;
                    continue;
                }
                counter.Process(b, last + 1, offset, name);
                buffer.AsSpan(last + 1, filled - last - 1).CopyTo(buffer);
                filled -= last + 1;
                offset += last + 1;
            }
        }
    }

    private static PreparedCorpus Finish(CorpusSource source, PreparationOptions options, string? folder,
        ShardCounter[] counters, long bytes, Stopwatch clock) =>
        Finish(source.DisplayName, source.IsStreamed, options, folder, counters, bytes, clock);

    /// <param name="streamed">The text was one stream: a single table past the prune threshold is the one
    /// sequential pass's, pruned as word2vec.c prunes, not an overflow.</param>
    internal static PreparedCorpus Finish(string name, bool streamed, PreparationOptions options, string? folder,
        ShardCounter[] counters, long bytes, Stopwatch clock)
    {
        TimeSpan scanned = clock.Elapsed;
        Vocabulary vocabulary;
        int[][]? maps = null;
        if (options.GivenVocabulary is { } given)
        {
            vocabulary = given;
        }
        else
        {
            int rounds = counters.Max(c => c.Sink.Prunes.Count);
            var tables = counters.Select(c => c.Sink.Table).ToArray();
            int overflowAbove = counters.Length > 1 || !streamed
                ? options.Vocabulary.PruneThreshold
                : int.MaxValue;
            (vocabulary, maps) = options.Ranks is { } ranks
                ? VocabularyExchange.Merge(ranks, tables, options.Vocabulary, rounds, overflowAbove)
                : VocabularyMerger.Merge(tables, options.Vocabulary, rounds, overflowAbove);
            if (rounds > 0)
                options.Log?.Invoke($"Vocabulary pruned {rounds} time(s) while counting (over " +
                    $"{options.Vocabulary.PruneThreshold:N0} distinct words): the rarest words were dropped as " +
                    "word2vec.c's ReduceVocab does; tokens of a word pruned before it came back were dropped too (a " +
                    "stream cannot be read twice).");
            CheckNotEmpty(vocabulary, name, options);
        }
        TimeSpan countTime = clock.Elapsed;
        clock.Restart();
        EncodedCorpus? encoded = null;
        if (folder != null)
        {
            if (maps != null)
            {
                Parallel.For(0, counters.Length, new ParallelOptions { MaxDegreeOfParallelism = options.Threads }, s =>
                    EncodedCorpus.Remap(counters[s].IdPath!, counters[s].Numberings(maps[s])));
            }
            encoded = new EncodedCorpus(folder, counters.Select(c => c.IdPath!).ToArray(), options.KeepCache);
            // (a given vocabulary that shares no word with the corpus encodes only its sentence ends)
            if (encoded.TokenCount == 0 || (options.GivenVocabulary != null && counters.Sum(c => c.WordsFound) == 0))
            {
                encoded.Dispose();
                throw new FastW2VException(options.Ranks is { Size: > 1 } job
                    ? $"Rank {job.Rank}'s part of {name} holds no word of the vocabulary: too little " +
                        $"text for {job.Size} ranks."
                    : $"No word of {name} is in the vocabulary.");
            }
        }
        return new PreparedCorpus
        {
            Vocabulary = vocabulary,
            Encoded = encoded,
            InputBytes = bytes,
            Shards = counters.Length,
            CountTime = countTime,
            MergeTime = countTime - scanned,
            EncodeTime = folder != null ? clock.Elapsed : TimeSpan.Zero,
        };
    }

    internal static void CheckNotEmpty(Vocabulary vocabulary, string name, PreparationOptions options)
    {
        if (vocabulary.CorpusTokens == 0)
            throw new FastW2VException($"The training input {name} contains no words.");
        if (vocabulary.Count <= 1)
            throw new FastW2VException($"No word of {name} occurs at least min-count " +
                $"({options.Vocabulary.MinCount}) times: the vocabulary is empty.");
    }
}
