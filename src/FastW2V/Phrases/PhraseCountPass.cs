using System.Diagnostics;
using Microsoft.Win32.SafeHandles;
using FastW2V.Corpus;
using FastW2V.Preparation;
using FastW2V.Vocabularies;

namespace FastW2V.Phrases;

/// <summary>
/// word2phrase's first pass: one word-aligned shard per thread counted into its own table, the tables
/// merged in text order with the pair across each cut, then word2phrase's selection. When word2phrase's
/// result depends on the order of a single pass (its pruning, or SortVocab's last-key drop), the text is
/// counted again in one pass.
/// </summary>
internal static class PhraseCountPass
{
    internal sealed record Counted(long Words, long DistinctKeys, int Shards, bool Sequential, int PruneRounds,
        bool DroppedLastWord, TimeSpan ScanTime);

    public static (Counted, PhraseVocabulary) Count(SafeFileHandle file, long length, string name,
        PhraseOptions options)
    {
        var clock = Stopwatch.StartNew();
        PhraseCounter[] counters = [];
        var counted = ShardedCount.CountOrFallBack(
            parallel: () => CountShards(file, length, name, options, clock, out counters),
            abandon: () => { foreach (var c in counters) c.Table.Dispose(); },
            overflowMessage: "Counting again in one pass: more than " +
                $"{options.PruneThreshold:N0} distinct words and pairs: word2phrase prunes the rarest as it goes.",
            nullMessage: "Counting again in one pass: no word or pair is below min-count, so word2phrase's drop " +
                "of its last sorted key depends on the order words first appear.",
            options.Log,
            sequential: () => CountSequentially(file, length, name, options, clock));
        return (counted.Counted, counted.Vocabulary);
    }

    /// <summary>A count and the vocabulary selected from it.</summary>
    private sealed record CountedVocabulary(Counted Counted, PhraseVocabulary Vocabulary);

    /// <summary>
    /// The parallel count: the shards counted and merged with the pairs across their cuts, then selected;
    /// null when the selection would depend on the order of a single pass.
    /// </summary>
    private static CountedVocabulary? CountShards(SafeFileHandle file, long length, string name,
        PhraseOptions options, Stopwatch clock, out PhraseCounter[] counters)
    {
        long[] bounds = ShardedCount.Plan(file, 0, length, options.Threads, PhraseFinder.Separators);
        bool droppedLast = false;
        counters = ShardedCount.CountShards(bounds, options.Threads,
            // Shard 0's table becomes the merged one: sized for the whole text, it is never rehashed.
            open: s => new PhraseCounter(ExpectedKeys(s == 0 ? length : bounds[s + 1] - bounds[s]),
                startsFile: s == 0, options.PruneThreshold, prune: false),
            count: (s, counter) =>
            {
                bool open = CountRange(file, bounds[s], bounds[s + 1], name, counter, options);
                if (open) droppedLast = true; // only the shard that ends the file can end in an open word
            },
            abandon: c => c.Table.Dispose());
        TimeSpan scanned = clock.Elapsed;
        var merged = Merge(counters);
        if (merged.Count > options.PruneThreshold) throw new VocabularyOverflowException();
        long words = counters.Sum(c => c.Words), distinct = merged.Count;
        if (words == 0) throw new FastW2VException($"The training input {name} contains no words.");
        if (PhraseVocabulary.Select(merged, words, options, inFirstAppearanceOrder: false) is { } selected)
            return new(new Counted(words, distinct, counters.Length, false, 0, droppedLast, scanned), selected);
        merged.Dispose();
        return null;
    }

    /// <summary>word2phrase's own count: one pass over the whole text, pruning as it goes.</summary>
    private static CountedVocabulary CountSequentially(SafeFileHandle file, long length, string name,
        PhraseOptions options, Stopwatch clock)
    {
        var sequential = new PhraseCounter(ExpectedKeys(length), startsFile: true, options.PruneThreshold, prune: true);
        bool openAtEnd = CountRange(file, 0, length, name, sequential, options);
        if (sequential.Words == 0) throw new FastW2VException($"The training input {name} contains no words.");
        var scannedOnce = clock.Elapsed;
        long distinctKeys = sequential.Table.Count;
        var vocabulary = PhraseVocabulary.Select(sequential.Table, sequential.Words, options,
            inFirstAppearanceOrder: true)!;
        var counted = new Counted(sequential.Words, distinctKeys, 1, true, sequential.PruneRounds, openAtEnd,
            scannedOnce);
        return new(counted, vocabulary);
    }

    /// <summary>A first size for a shard's table, so it rarely grows (each growth moves every slot):
    /// one key per 16 bytes, a little more than English text brings new words and pairs (fewer as it
    /// grows). Capped at 8 M keys (512 MB of slots): a bigger text's table grows as it needs, never from a
    /// guess.</summary>
    private static long ExpectedKeys(long bytes) => Math.Min(bytes / 16, 1 << 23);

    /// <summary>Counts [start, end); true when a word is still open at the end (the file's unterminated last
    /// word).</summary>
    private static bool CountRange(SafeFileHandle file, long start, long end, string name, PhraseCounter counter,
        PhraseOptions options)
    {
        var tokenizer = new PhraseTokenizer();
        var sink = new PhraseCounter.Sink(counter);
        RangeReader.Read(file, start, end, name, validate: true, options.CheckUtf8,
            (piece, _) => tokenizer.Feed(piece, ref sink));
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
}
