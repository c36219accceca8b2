using FastW2V.Training;

namespace FastW2V;

/// <summary>
/// How a training run talks to its caller while it works. Every member is optional; callbacks run on the
/// thread that called <see cref="TrainingRun.Execute"/> (progress from the monitoring loop).
/// </summary>
public sealed class TrainingEvents
{
    /// <summary>Status lines for people (vocabulary, kernels, outputs). In an MPI job only rank 0's, unless
    /// <see cref="DistributedOptions.RankLog"/>.</summary>
    public Action<string>? Log { get; init; }
    /// <summary>Warnings (the full softmax's cost, skipped outputs); default: <see cref="Log"/>.</summary>
    public Action<string>? Warning { get; init; }
    /// <summary>Training progress, about every <see cref="ProgressInterval"/> (rank 0 only).</summary>
    public Action<TrainingSnapshot>? Progress { get; init; }
    /// <summary>Time between progress reports (default 1 s).</summary>
    public TimeSpan? ProgressInterval { get; init; }
    /// <summary>A line to show between progress reports (a checkpoint written); default: <see cref="Log"/>.</summary>
    public Action<string>? Note { get; init; }
    /// <summary>An evaluation made after an epoch or at the end (rank 0 only).</summary>
    public Action<TrainingEvaluation>? Evaluated { get; init; }
    /// <summary>Stops training at the next sentence (a checkpoint is written when one was asked for).</summary>
    public CancellationToken Stop { get; init; }
    /// <summary>Called as training starts and ends (not while counting or writing): a caller that handles
    /// signals stops training through <see cref="Stop"/> inside this window and exits at once outside it.</summary>
    public Action<bool>? TrainingPhase { get; init; }
}
