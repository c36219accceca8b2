namespace FastW2V.Vocabularies;

/// <summary>How a vocabulary is cut from the counts.</summary>
public sealed record VocabularyOptions
{
    /// <summary>Words seen fewer times are dropped (word2vec.c's -min-count, default 5).</summary>
    public long MinCount { get; init; } = 5;

    /// <summary>Keep at most this many entries (&lt;/s&gt; included), the most frequent; 0 = no limit.</summary>
    public int MaxVocab { get; init; }

    /// <summary>
    /// While counting, when the distinct words held exceed this, the rarest are pruned as word2vec.c's
    /// ReduceVocab does (it prunes at 21 million). Bounds memory on corpora with tens of millions of
    /// distinct words, at the cost of undercounting some rare ones.
    /// </summary>
    public int PruneThreshold { get; init; } = 21_000_000;

    /// <summary>Throws a one-sentence <see cref="FastW2VException"/> for an option out of range.</summary>
    public void Validate()
    {
        if (MinCount < 1) throw new FastW2VException($"min-count must be at least 1 (got {MinCount}).");
        if (MaxVocab < 0 || MaxVocab == 1)
            throw new FastW2VException("max-vocab must be 0 (no limit) or at least 2: it counts </s> (got " +
                $"{MaxVocab}).");
        if (PruneThreshold < 1000)
            throw new FastW2VException($"The prune threshold must be at least 1000 (got {PruneThreshold}).");
    }
}
