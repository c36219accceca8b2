namespace FastW2V.Vocabularies;

/// <summary>
/// Merges per-shard counts into the final vocabulary. Shards are merged in corpus order and each
/// shard's entries in insertion order, so the merged table's order is global first appearance; the
/// stable sort by count then gives exactly word2vec.c's order.
/// </summary>
internal static class VocabularyMerger
{
    /// <summary>
    /// Result: the vocabulary and, per shard, a map from provisional id to final id (-1 = dropped).
    /// Every shard table must start with &lt;/s&gt; as entry 0. The first table is reused as the merged one.
    /// Throws <see cref="VocabularyOverflowException"/> when the merged table holds more than
    /// <paramref name="overflowAbove"/> entries (the sequential pass would have pruned). The tables are
    /// disposed (their slots freed) as they are consumed.
    /// </summary>
    public static (Vocabulary Vocabulary, int[][] ShardMaps) Merge(IReadOnlyList<WordCountTable> shards,
        VocabularyOptions options, int pruneRounds, int overflowAbove = int.MaxValue)
    {
        var (merged, toMerged, tokens) = Concatenate(shards);
        if (merged.Count > overflowAbove) throw new VocabularyOverflowException();
        var (vocabulary, mergedToFinal) = Select(merged, options, tokens, pruneRounds);
        merged.Dispose(); // the final table has everything it holds that is kept
        return (vocabulary, Compose(toMerged, mergedToFinal));
    }

    /// <summary>
    /// The shards' tables as one, in corpus order (each shard's entries in insertion order, so the
    /// merged order is global first appearance), with each shard's map from its entries to the merged
    /// ones and the tokens counted. The tables are consumed: the first becomes the merged one.
    /// </summary>
    internal static (WordCountTable Merged, int[][] ToMerged, long Tokens) Concatenate(
        IReadOnlyList<WordCountTable> shards)
    {
        // Shard 0's table already lists its words in first-appearance order, so it becomes the merged
        // table (its map is the identity) and only the later shards are inserted: each insert is a few
        // cache misses, and this halves them with two shards.
        var merged = shards.Count > 0 ? shards[0] : WordCountTable.StartingWithSentenceEnd(16);
        var toMerged = new int[shards.Count][];
        long tokens = 0;
        for (int s = 0; s < shards.Count; s++)
        {
            var shard = shards[s];
            var map = toMerged[s] = new int[shard.Count];
            for (int i = 0; i < shard.Count; i++)
            {
                long c = shard.GetCount(i);
                tokens += c;
                map[i] = s == 0 ? i : merged.AddEntryOf(shard, i, c);
            }
            if (s > 0) shard.Dispose(); // merged in: its slots go now, not at the next collection
        }
        return (merged, toMerged, tokens);
    }

    /// <summary>The vocabulary cut from a merged table (which stays its caller's), and the map from its entries to
    /// final ids (-1 = dropped).</summary>
    internal static (Vocabulary Vocabulary, int[] MergedToFinal) Select(WordCountTable merged,
        VocabularyOptions options, long tokens, int pruneRounds)
    {
        int[] order = SortedSelection(merged, options);
        var final = new WordCountTable(order.Length);
        var mergedToFinal = new int[merged.Count];
        Array.Fill(mergedToFinal, -1);
        foreach (int m in order)
        {
            mergedToFinal[m] = final.Count;
            final.AddEntryOf(merged, m, merged.GetCount(m));
        }
        long distinct = merged.Count - (merged.GetCount(0) == 0 ? 1 : 0);
        return (new Vocabulary(final) { CorpusTokens = tokens, DistinctWords = distinct, PruneRounds = pruneRounds },
            mergedToFinal);
    }

    /// <summary>Each shard's map to final ids, through the merged table.</summary>
    internal static int[][] Compose(int[][] toMerged, int[] mergedToFinal)
    {
        var shardMaps = new int[toMerged.Length][];
        for (int s = 0; s < toMerged.Length; s++)
        {
            var map = toMerged[s];
            var result = shardMaps[s] = new int[map.Length];
            for (int i = 0; i < map.Length; i++) result[i] = mergedToFinal[map[i]];
        }
        return shardMaps;
    }

    /// <summary>Entry 0 (&lt;/s&gt;) first, then words with count ≥ min-count by count descending, stable.</summary>
    internal static int[] SortedSelection(WordCountTable table, VocabularyOptions options)
    {
        var kept = new List<int>(table.Count);
        long maxCount = 0;
        for (int i = 1; i < table.Count; i++)
        {
            long c = table.GetCount(i);
            if (c >= options.MinCount) { kept.Add(i); maxCount = Math.Max(maxCount, c); }
        }
        int[] keys = kept.ToArray();
        if (maxCount < 1L << 38 && table.Count < 1 << 25)
        {
            // One primitive sort on (count descending, first appearance ascending) packed in 63 bits:
            // several times faster than a comparison delegate, and the packed index makes it stable.
            var packed = new ulong[keys.Length];
            for (int k = 0; k < keys.Length; k++)
                packed[k] = ((ulong)((1L << 38) - 1 - table.GetCount(keys[k])) << 25) | (uint)keys[k];
            Array.Sort(packed, keys);
        }
        else
        {
            Array.Sort(keys, (a, b) =>
            {
                int c = table.GetCount(b).CompareTo(table.GetCount(a));
                return c != 0 ? c : a.CompareTo(b);
            });
        }
        int take = keys.Length;
        if (options.MaxVocab > 0) take = Math.Min(take, Math.Max(0, options.MaxVocab - 1));
        var order = new int[take + 1];
        order[0] = 0;
        Array.Copy(keys, 0, order, 1, take);
        return order;
    }
}
