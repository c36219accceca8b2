namespace FastW2V;

/// <summary>What counting (and encoding) the corpus found and took.</summary>
public sealed record CorpusSummary
{
    /// <summary>The corpus as people call it (its path, or "standard input").</summary>
    public required string Name { get; init; }
    /// <summary>Bytes read.</summary>
    public long InputBytes { get; init; }
    /// <summary>Tokens in the corpus, newlines (&lt;/s&gt;) included; 0 when a vocabulary file was read
    /// instead.</summary>
    public long CorpusTokens { get; init; }
    /// <summary>Distinct words before the minimum count.</summary>
    public long DistinctWords { get; init; }
    /// <summary>Words in the vocabulary (&lt;/s&gt; included).</summary>
    public int VocabularyWords { get; init; }
    /// <summary>Tokens of vocabulary words: what an epoch trains on before subsampling.</summary>
    public long TrainingTokens { get; init; }
    /// <summary>Tokens in the encoded corpus (0 when it was not encoded).</summary>
    public long EncodedTokens { get; init; }
    /// <summary>Shards counted in parallel.</summary>
    public int Shards { get; init; }
    /// <summary>Time counting, merging included.</summary>
    public TimeSpan CountTime { get; init; }
    /// <summary>Time merging the shards' tables.</summary>
    public TimeSpan MergeTime { get; init; }
    /// <summary>Time turning provisional ids into final ones.</summary>
    public TimeSpan EncodeTime { get; init; }
}
