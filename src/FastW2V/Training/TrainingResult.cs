namespace FastW2V.Training;

/// <summary>What training produced, and what it took.</summary>
public sealed class TrainingResult
{
    internal WordVectorModel Model { get; init; } = null!;
    /// <summary>Time training (the corpus prepared before).</summary>
    public required TimeSpan Elapsed { get; init; }
    /// <summary>Corpus words trained on in this run, every epoch (and every MPI rank) together.</summary>
    public required long Words { get; init; }
    /// <summary>Worker threads (per rank).</summary>
    public required int Threads { get; init; }
    /// <summary>Average loss per example for each progress interval, in order (it must fall).</summary>
    public required IReadOnlyList<double> LossHistory { get; init; }
    /// <summary>Mean loss and wall time of each epoch this run completed (as the workers ended it).</summary>
    public IReadOnlyList<EpochFigures> PerEpoch { get; init; } = [];
    /// <summary>Average loss per example over the whole run.</summary>
    public required double AverageLoss { get; init; }
    /// <summary>Words per second, all threads together.</summary>
    public double WordsPerSecond => Words / Elapsed.TotalSeconds;
    /// <summary>Processes that trained (MPI ranks; 1 alone). <see cref="Words"/> and the loss are theirs
    /// together.</summary>
    public int Ranks { get; init; } = 1;
    /// <summary>What merging the models cost (null alone).</summary>
    public Distributed.SyncFigures? Sync { get; init; }
}
