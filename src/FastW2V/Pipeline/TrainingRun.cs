namespace FastW2V;

/// <summary>
/// The library's training entry point: one call checks a <see cref="TrainingJob"/>, prepares the corpus,
/// trains, evaluates and writes, and returns what it did. The command line, the C ABI and the benchmarks
/// all start their runs here.
/// </summary>
public static class TrainingRun
{
    /// <summary>Runs the job.</summary>
    /// <exception cref="FastW2VException">Bad input or options, or a failed run (a one-sentence message).</exception>
    /// <exception cref="TrainingStoppedException">Stopped through <see cref="TrainingEvents.Stop"/>.</exception>
    public static TrainingReport Execute(TrainingJob job, TrainingEvents? events = null)
    {
        using var pipeline = new TrainingPipeline(job, events ?? new TrainingEvents());
        return pipeline.Run().Report;
    }

    /// <summary>
    /// Counts the job's corpus into its vocabulary (saved to <see cref="TrainingJob.SaveVocabulary"/> when
    /// given) without training; <paramref name="encode"/> also encodes it into token ids (timed, then deleted).
    /// </summary>
    public static CorpusSummary Count(TrainingJob job, bool encode = false, TrainingEvents? events = null)
    {
        using var pipeline = new TrainingPipeline(job, events ?? new TrainingEvents());
        return pipeline.Count(encode);
    }

    /// <summary>Trains and returns the vectors in memory: the job's output files are not needed.</summary>
    internal static (TrainingReport Report, Formats.WordVectors Vectors) InMemory(TrainingJob job,
        TrainingEvents events)
    {
        using var pipeline = new TrainingPipeline(job, events, inMemory: true);
        var (report, vectors) = pipeline.Run();
        return (report, vectors!);
    }
}
