namespace FastW2V.Training;

/// <summary>What the caller of <see cref="Trainer.Train"/> controls beyond the options: checkpoints, resume,
/// stop.</summary>
internal sealed class TrainingControl
{
    /// <summary>Stop at the next sentence; Train writes a checkpoint (when asked for) and throws
    /// <see cref="OperationCanceledException"/>.</summary>
    public CancellationToken Stop { get; init; }
    /// <summary>Writes a checkpoint: called with all workers parked (the model is still).</summary>
    public Action<TrainingState, WordVectorModel>? Checkpoint { get; init; }
    /// <summary>Told when a checkpoint during training cannot be written (a full disk): the run goes on, and
    /// the previous checkpoint is intact (written atomically). Only the stop's checkpoint failing is an
    /// error.</summary>
    public Action<string>? Warning { get; init; }
    /// <summary>Time between checkpoints (one is also written after each epoch but the last).</summary>
    public TimeSpan CheckpointEvery { get; init; } = TimeSpan.FromMinutes(10);
    /// <summary>Continue from this state (the model's values come from <see cref="Initialize"/>).</summary>
    public TrainingState? Resume { get; init; }
    /// <summary>Fills the new model before training (a checkpoint's matrices, or --init-vectors).</summary>
    public Action<WordVectorModel>? Initialize { get; init; }
    /// <summary>Train as one rank of an MPI job (null: alone): the corpus given is this rank's part.</summary>
    public Distributed.DistributedTraining? Distributed { get; init; }
}
