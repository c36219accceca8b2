namespace FastW2V.Training;

/// <summary>The training state a checkpoint holds besides the model: the shared word count and every worker's
/// position.</summary>
internal sealed class TrainingState
{
    public required long WordsDone { get; init; }
    public required WorkerPosition[] Workers { get; init; }
}
