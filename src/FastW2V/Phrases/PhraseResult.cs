namespace FastW2V.Phrases;

/// <summary>What a phrase pass did.</summary>
public sealed record PhraseResult
{
    /// <summary>Bytes of input read.</summary>
    public long InputBytes { get; init; }
    /// <summary>Words counted (word2phrase's "Words in train file").</summary>
    public long Words { get; init; }
    /// <summary>Distinct words and pair keys counted (with &lt;/s&gt; and word2phrase's first pair).</summary>
    public long DistinctKeys { get; init; }
    /// <summary>Words and pairs kept (counted at least min-count times).</summary>
    public long KeptKeys { get; init; }
    /// <summary>word2phrase's "Vocab size (unigrams + bigrams)".</summary>
    public long VocabularySize { get; init; }
    /// <summary>Words written joined to the word before them.</summary>
    public long Joined { get; init; }
    /// <summary>Shards counted in parallel.</summary>
    public int Shards { get; init; }
    /// <summary>The count was done again in one pass (pruning, or SortVocab's order-dependent drop).</summary>
    public bool Sequential { get; init; }
    /// <summary>Times the rarest keys were pruned while counting.</summary>
    public int PruneRounds { get; init; }
    /// <summary>The input's last word had no separator after it and was dropped, as word2phrase drops it.</summary>
    public bool DroppedLastWord { get; init; }
    /// <summary>Reading and counting, merging and selecting included.</summary>
    public TimeSpan CountTime { get; init; }
    /// <summary>The part of <see cref="CountTime"/> spent merging the shard tables and selecting the kept
    /// keys.</summary>
    public TimeSpan MergeTime { get; init; }
    /// <summary>The second pass: joining and writing.</summary>
    public TimeSpan WriteTime { get; init; }
}
