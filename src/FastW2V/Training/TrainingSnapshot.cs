namespace FastW2V.Training;

/// <summary>A moment of training, as the progress display shows it.</summary>
public sealed record TrainingSnapshot
{
    /// <summary>Share of the run done, 0 to 1.</summary>
    public required double Fraction { get; init; }
    /// <summary>The run's epochs (the epoch under way is <see cref="Epoch"/>).</summary>
    public int EpochCount { get; init; } = 1;
    /// <summary>The epoch under way (1-based).</summary>
    public int Epoch => Math.Clamp((int)(Fraction * EpochCount) + 1, 1, EpochCount);
    /// <summary>Corpus words processed so far (all epochs).</summary>
    public required long Words { get; init; }
    /// <summary>Corpus words of the whole run (epochs × tokens).</summary>
    public required long TotalWords { get; init; }
    /// <summary>Time since training started.</summary>
    public required TimeSpan Elapsed { get; init; }
    /// <summary>Raw corpus words per second since the start, all threads together.</summary>
    public required double WordsPerSecond { get; init; }
    /// <summary>The same, per worker.</summary>
    public required double[] ThreadWordsPerSecond { get; init; }
    /// <summary>The current learning rate.</summary>
    public required float Alpha { get; init; }
    /// <summary>Average loss per training example over the last interval (NaN before the first).</summary>
    public required double IntervalLoss { get; init; }
    /// <summary>Time left at the rate so far (null at the start and the end).</summary>
    public TimeSpan? Eta => Fraction > 0 && Fraction < 1 ? Elapsed * ((1 - Fraction) / Fraction) : null;
}
