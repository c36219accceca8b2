using FastW2V.Corpus;

namespace FastW2V.Vocabulary;

/// <summary>
/// Counts the words of one shard into its own table and, when encoding, writes each token's
/// provisional id (its entry index in that table) to the shard's id file in the same pass.
/// </summary>
internal unsafe struct CountingSink(WordCountTable table, TokenIdWriter? ids, int pruneLimit) : ITokenSink
{
    public readonly WordCountTable Table = table;
    /// <summary>Words starting before this address have 16 readable bytes (see <see cref="WordHash"/>).</summary>
    public byte* SafeEnd;
    /// <summary>Where each numbering ends and its map to the next, one per pruning round.</summary>
    public readonly List<(long End, int[] Map)> Prunes = [];
    private long _pruneBelow = 1;

    public void Word(byte* start, int length)
    {
        int id = Table.AddOne(start, length, start < SafeEnd);
        ids?.Append(id);
        if (Table.Count > pruneLimit) Prune();
    }

    public void SentenceEnd()
    {
        Table.Increment(0);
        ids?.Append(0);
    }

    private void Prune()
    {
        // word2vec.c's ReduceVocab: drop words seen at most min_reduce times, then raise min_reduce.
        int[] map = Table.Prune(_pruneBelow++);
        Prunes.Add((ids?.Position ?? 0, map));
    }
}

/// <summary>Encodes a shard against a fixed vocabulary (-read-vocab): unknown words are skipped.</summary>
internal unsafe struct LookupSink(Vocabulary vocabulary, TokenIdWriter ids) : ITokenSink
{
    public byte* SafeEnd;

    public void Word(byte* start, int length)
    {
        int id = vocabulary.Find(start, length, start < SafeEnd);
        if (id >= 0) ids.Append(id);
    }

    public void SentenceEnd() => ids.Append(0);
}
