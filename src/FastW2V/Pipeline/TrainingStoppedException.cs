namespace FastW2V;

/// <summary>Training stopped before its end (<see cref="TrainingEvents.Stop"/>, or another MPI rank stopped).</summary>
public sealed class TrainingStoppedException : OperationCanceledException
{
    /// <summary>The checkpoint written on the way out (continue with it), or null: nothing saved.</summary>
    public string? Checkpoint { get; }
    /// <summary>The stop came as training ended: the vectors were trained, but nothing was written.</summary>
    public bool AfterTraining { get; }
    /// <summary>This process is rank 0 or alone (the one that reports).</summary>
    public bool Reporting { get; }

    /// <summary>Describes a stop.</summary>
    public TrainingStoppedException(string? checkpoint, bool afterTraining, bool reporting, CancellationToken token)
        : base("Training was stopped.", null, token) =>
        (Checkpoint, AfterTraining, Reporting) = (checkpoint, afterTraining, reporting);
}
