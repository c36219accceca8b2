namespace FastW2V.Phrases;

/// <summary>word2phrase's options (and the run's threads, scratch folder and log).</summary>
public sealed record PhraseOptions
{
    /// <summary>Words and pairs counted fewer times are not phrase material (word2phrase: -min-count 5).</summary>
    public long MinCount { get; init; } = 5;
    /// <summary>Join a pair when its score is above this (word2phrase: -threshold 100; higher = fewer
    /// phrases).</summary>
    public float Threshold { get; init; } = 100;
    /// <summary>Threads for both passes (the output does not depend on it).</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;
    /// <summary>Distinct words and pairs counted before the rarest are dropped: word2phrase's 0.7 × its
    /// 500,000,000-entry hash table. Only a sequential count prunes the same way, so past this fw2v
    /// counts again in one pass.</summary>
    public long PruneThreshold { get; init; } = 350_000_000;
    /// <summary>Where a streamed input (gzip, standard input, a pipe) is unpacked for the second pass.</summary>
    public string? CacheFolder { get; init; }
    /// <summary>Reject input that is not UTF-8 (NUL bytes are always rejected).</summary>
    public bool CheckUtf8 { get; init; } = true;
    /// <summary>Receives notes (a count done again in one pass, scratch folders reclaimed).</summary>
    public Action<string>? Log { get; init; }
    /// <summary>Bytes per range of the second pass (tests make it tiny, so that every range looks back).</summary>
    internal long RangeBytes { get; init; } = 16 << 20;

    /// <summary>Throws a one-sentence <see cref="FastW2VException"/> for an option out of range.</summary>
    public void Validate()
    {
        if (Threads < 1) throw new FastW2VException($"threads must be at least 1 (got {Threads}).");
        if (Threads > 4096) throw new FastW2VException($"threads must be at most 4096 (got {Threads}).");
        // word2phrase scores an unknown pair 0, so below 0 it joins every word: refused rather than half-reproduced.
        if (!float.IsFinite(Threshold) || Threshold < 0)
            throw new FastW2VException($"The phrase threshold must be 0 or more, and finite (got {Threshold}).");
        // 0 is word2phrase's own value (every word counts), reproduced byte for byte; below it means nothing.
        if (MinCount < 0)
            throw new FastW2VException($"min-count must be 0 or more (got {MinCount}).");
        if (PruneThreshold < 2)
            throw new FastW2VException($"The prune threshold must be at least 2 (got {PruneThreshold}).");
    }
}
