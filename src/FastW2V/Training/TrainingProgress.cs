namespace FastW2V.Training;

/// <summary>A moment of training, as the progress display shows it.</summary>
public sealed record TrainingSnapshot
{
    public required double Fraction { get; init; }
    /// <summary>The run's epochs (the epoch under way is <see cref="Epoch"/>).</summary>
    public int Epochs { get; init; } = 1;
    public int Epoch => Math.Clamp((int)(Fraction * Epochs) + 1, 1, Epochs);
    public required long Words { get; init; }
    public required long TotalWords { get; init; }
    public required TimeSpan Elapsed { get; init; }
    /// <summary>Raw corpus words per second since the start, all threads together.</summary>
    public required double WordsPerSecond { get; init; }
    /// <summary>The same, per worker.</summary>
    public required double[] ThreadWordsPerSecond { get; init; }
    public required float Alpha { get; init; }
    /// <summary>Average loss per training example over the last interval (NaN before the first).</summary>
    public required double IntervalLoss { get; init; }
    public TimeSpan? Eta => Fraction > 0 && Fraction < 1 ? Elapsed * ((1 - Fraction) / Fraction) : null;
}

/// <summary>What training produced, and what it took.</summary>
public sealed class TrainingResult
{
    public required WordVectorModel Model { get; init; }
    public required TimeSpan Elapsed { get; init; }
    public required long Words { get; init; }
    public required int Threads { get; init; }
    /// <summary>Average loss per example for each progress interval, in order (it must fall).</summary>
    public required IReadOnlyList<double> LossHistory { get; init; }
    /// <summary>Mean loss and wall time of each epoch this run completed (as the workers ended it).</summary>
    public IReadOnlyList<EpochFigures> Epochs { get; init; } = [];
    /// <summary>Average loss per example over the whole run.</summary>
    public required double AverageLoss { get; init; }
    public double WordsPerSecond => Words / Elapsed.TotalSeconds;
}
