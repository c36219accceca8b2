namespace FastW2V.Training;

/// <summary>The training state a checkpoint holds besides the model: the shared word count and every worker's
/// position.</summary>
internal sealed class TrainingState
{
    public required long WordsDone { get; init; }
    public required WorkerPosition[] Workers { get; init; }
    /// <summary>The checkpoint it was read from (for messages; empty for a state made in memory).</summary>
    public string Source { get; init; } = "";

    /// <summary>
    /// What makes this state impossible for a run over <paramref name="tokens"/> tokens and a vocabulary of
    /// <paramref name="words"/> words, or null. Positions index raw memory (the corpus, the negative
    /// buffer, the model's rows), so each field must be one a real run can have written.
    /// </summary>
    public string? Problem(long tokens, int words)
    {
        Int128 reported = 0;
        for (int t = 0; t < Workers.Length; t++)
        {
            if (Workers[t].Problem(t, Workers.Length, tokens, words) is { } problem) return problem;
            reported += Workers[t].Reported;
        }
        // Every worker adds what it reports to the shared count, and a checkpoint is taken with all of them still.
        return reported == WordsDone ? null
            : $"counts {WordsDone:N0} words done, its workers {reported:N0}";
    }

    /// <summary>Refuses, in one line, a state that cannot continue this run (read from a checkpoint whose
    /// options or corpus are not this run's, or forged).</summary>
    public void CheckFits(TrainingOptions options, long tokens, int words)
    {
        string? problem = Workers.Length != options.Threads
            ? $"was written by {Workers.Length} thread(s), not {options.Threads}"
            : Problem(tokens, words);
        for (int t = 0; t < Workers.Length && problem == null; t++)
            problem = Workers[t].Problem(t, options);
        if (problem == null) return;
        string name = Source.Length > 0 ? $"The checkpoint '{Source}'" : "The checkpoint";
        throw new FastW2VException($"{name} does not fit this run: its state {problem}.");
    }
}
