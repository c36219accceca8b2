using System.Diagnostics;
using Microsoft.Win32.SafeHandles;
using FastW2V.Corpus;
using FastW2V.Vocabularies;

namespace FastW2V.Preparation;

/// <summary>
/// Corpus → vocabulary (→ token ids) for a corpus of several files, as if they were one text with a
/// newline after every file but the last. The plain files' bytes are cut into one shard per thread, a
/// shard running on from the end of one file into the next, so a small file never leaves a thread idle;
/// each streamed file (gzip, a pipe, standard input) is a shard of its own. Shards are counted in
/// parallel and merged in corpus order, exactly as the shards of one file are.
/// </summary>
internal static unsafe class FileSetPreparation
{
    public static PreparedCorpus Prepare(CorpusSet set, PreparationOptions options, string? folder)
    {
        if (options.Ranks != null)
            throw new FastW2VException("--mpi takes one plain file that every rank reads its own part of, "
                + $"not {set.Sources.Count} files: concatenate them first.");
        // Each file is opened only while a shard reads it: a corpus may hold more files than a process may open.
        var plan = FileSetPlan.Make(set, options.Threads, Open);
        var clock = Stopwatch.StartNew();
        if (options.GivenVocabulary != null)
            return Finish(set, options, folder, Count(set, plan, options, folder, null), clock);
        ShardCounter[] counters = [];
        return ShardedCount.CountOrFallBack(
            parallel: () =>
            {
                var budget = new DistinctWordBudget(2L * options.Vocabulary.PruneThreshold);
                counters = Count(set, plan, options, folder, budget);
                return Finish(set, options, folder, counters, clock);
            },
            abandon: () => { foreach (var c in counters) c.Abandon(); },
            overflowMessage: $"More than {options.Vocabulary.PruneThreshold:N0} distinct words: counting again "
                + "in one pass that prunes as word2vec.c's ReduceVocab does, then encoding against the result "
                + "(the vocabulary does not depend on -threads).",
            nullMessage: null,
            options.Log,
            sequential: () => Pruned(set, plan, options, folder, clock));
    }

    private static PreparedCorpus Finish(CorpusSet set, PreparationOptions options, string? folder,
        ShardCounter[] counters, Stopwatch clock) =>
        CorpusPreparation.Finish(set.DisplayName, streamed: false, options, folder, counters,
            counters.Sum(c => c.BytesRead), clock);

    /// <summary>The vocabulary of one sequential pass that prunes as word2vec.c does, then every shard encoded
    /// against it.</summary>
    private static PreparedCorpus Pruned(CorpusSet set, FileSetPlan plan,
        PreparationOptions options, string? folder, Stopwatch clock)
    {
        if (set.HasStream)
            throw new FastW2VException("More distinct words than the prune threshold in a corpus with a stream "
                + "among its files: a stream cannot be read twice; give files, or a higher --prune-threshold.");
        var sequential = new ShardCounter(options, null, 0, null, plan.PlainBytes);
        foreach (var shard in plan.Shards) CountShard(set, shard, sequential);
        sequential.Complete();
        var (vocabulary, _) = VocabularyMerger.Merge([sequential.Sink.Table], options.Vocabulary,
            sequential.Sink.Prunes.Count);
        CorpusPreparation.CheckNotEmpty(vocabulary, set.DisplayName, options);
        var encode = options with { GivenVocabulary = vocabulary };
        var encoders = folder != null ? Count(set, plan, encode, folder, null) : [];
        var prepared = CorpusPreparation.Finish(set.DisplayName, streamed: false, encode, folder, encoders,
            sequential.BytesRead, clock);
        options.Log?.Invoke($"Vocabulary pruned {vocabulary.PruneRounds} time(s) while counting: the rarest "
            + "words were dropped as word2vec.c's ReduceVocab does.");
        return prepared;
    }

    private static ShardCounter[] Count(CorpusSet set, FileSetPlan plan,
        PreparationOptions options, string? folder, DistinctWordBudget? budget) =>
        ShardedCount.CountShards(plan.Shards.Count, options.Threads,
            open: s => new ShardCounter(options, folder, s, budget, plan.Bytes(s)),
            count: (s, counter) =>
            {
                CountShard(set, plan.Shards[s], counter);
                counter.Complete();
            },
            abandon: c => c.Abandon());

    /// <summary>Feeds one shard's segments to the counter, with a newline wherever a file ends.</summary>
    private static void CountShard(CorpusSet set, IReadOnlyList<FileSegment> shard,
        ShardCounter counter)
    {
        byte* newline = stackalloc byte[] { (byte)'\n' };
        var buffer = CorpusPreparation.NewBuffer();
        foreach (var segment in shard)
        {
            var source = set.Sources[segment.Source];
            if (segment.IsWholeStream)
            {
                using var stream = source.OpenStream();
                try { counter.BytesRead += CorpusPreparation.StreamChunks(stream, counter, source.DisplayName, 0,
                    buffer); }
                catch (Exception e) when (source.ReadFailure(e) is { } failure) { throw failure; }
            }
            else
            {
                using var handle = Open(source);
                using var part = new ShardStream(handle, segment.Start, segment.Length, source.Path);
                CorpusPreparation.StreamChunks(part, counter, source.Path, segment.Start, buffer);
                counter.BytesRead += segment.Length;
            }
            if (segment.EndsFile && segment.Source < set.Sources.Count - 1)
                counter.Process(newline, 1, 0, source.DisplayName);
        }
    }

    private static SafeFileHandle Open(CorpusSource source)
    {
        try { return File.OpenHandle(source.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FastW2VException($"Cannot read the training file '{source.Path}': {e.Message}");
        }
    }
}
