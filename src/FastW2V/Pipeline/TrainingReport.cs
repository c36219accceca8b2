using FastW2V.Training;

namespace FastW2V;

/// <summary>What a training run did: its corpus, training figures, evaluations and outputs.</summary>
public sealed class TrainingReport
{
    /// <summary>The job as it ran (its thread count and loss resolved).</summary>
    public required TrainingJob Job { get; init; }
    /// <summary>The corpus and its vocabulary.</summary>
    public required CorpusSummary Corpus { get; init; }
    /// <summary>Training's figures; null when the job only built a vocabulary.</summary>
    public TrainingResult? Result { get; init; }
    /// <summary>Evaluations, in the order they were made.</summary>
    public IReadOnlyList<TrainingEvaluation> Evaluations { get; init; } = [];
    /// <summary>Files written.</summary>
    public IReadOnlyList<OutputFile> Outputs { get; init; } = [];
    /// <summary>Time writing the outputs.</summary>
    public TimeSpan WriteTime { get; init; }
    /// <summary>The whole run, from the first check to the last file written.</summary>
    public TimeSpan Wall { get; init; }
    /// <summary>This process wrote the outputs (alone, or rank 0 of an MPI job).</summary>
    public bool Reporting { get; init; } = true;
    /// <summary>This process's rank in an MPI job (0 alone).</summary>
    public int Rank { get; init; }
}
