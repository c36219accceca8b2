namespace FastW2V.Training;

/// <summary>
/// Where one worker stands, at a sentence boundary: everything its next step depends on, so a run
/// resumed from it with one thread goes on bit for bit as if it had never stopped.
/// </summary>
internal sealed class WorkerPosition
{
    /// <summary>The epoch under way (= the number of epochs when the worker has finished).</summary>
    public int Epoch;
    /// <summary>Tokens of the worker's range already read in this epoch.</summary>
    public long Offset;
    /// <summary>Raw tokens read in all epochs, and the part of them added to the shared count.</summary>
    public long Words, Reported;
    public float Alpha;
    public ulong Rng;
    public ulong NegativeRng;
    public int NegativeNext;
    public int[] Negatives = new int[NegativeStream.Size];
    public double LossSum;
    public long LossCount;

    /// <summary>A copy that later records do not change.</summary>
    public WorkerPosition Clone()
    {
        var copy = (WorkerPosition)MemberwiseClone();
        copy.Negatives = (int[])Negatives.Clone();
        return copy;
    }
}

/// <summary>The training state a checkpoint holds besides the model: the shared word count and every worker's position.</summary>
internal sealed class TrainingState
{
    public required long WordsDone { get; init; }
    public required WorkerPosition[] Workers { get; init; }
}

/// <summary>What the caller of <see cref="Trainer.Train"/> controls beyond the options: checkpoints, resume, stop.</summary>
internal sealed class TrainingControl
{
    /// <summary>Stop at the next sentence; Train writes a checkpoint (when asked for) and throws
    /// <see cref="OperationCanceledException"/>.</summary>
    public CancellationToken Stop { get; init; }
    /// <summary>Writes a checkpoint: called with all workers parked (the model is still).</summary>
    public Action<TrainingState, WordVectorModel>? Checkpoint { get; init; }
    /// <summary>Time between checkpoints (one is also written after each epoch but the last).</summary>
    public TimeSpan CheckpointEvery { get; init; } = TimeSpan.FromMinutes(10);
    /// <summary>Continue from this state (the model's values come from <see cref="Initialize"/>).</summary>
    public TrainingState? Resume { get; init; }
    /// <summary>Fills the new model before training (a checkpoint's matrices, or --init-vectors).</summary>
    public Action<WordVectorModel>? Initialize { get; init; }
    /// <summary>Train as one rank of an MPI job (null: alone): the corpus given is this rank's part.</summary>
    public Distributed.DistributedTraining? Distributed { get; init; }
}
