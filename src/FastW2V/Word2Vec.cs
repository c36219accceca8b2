using FastW2V.Formats;
using FastW2V.Training;
using FastW2V.Vocabularies;

namespace FastW2V;

/// <summary>
/// Training in memory, for programs that embed the library (the C ABI, the NuGet package): one call from a
/// text file to the vectors, queried with <see cref="Evaluation.NearestNeighbours"/>, saved with
/// <see cref="VectorFileWriter"/>. <see cref="TrainingRun"/> runs whole jobs with files, evaluation and checkpoints.
/// </summary>
public static class Word2Vec
{
    /// <summary>
    /// Trains on <paramref name="corpusPath"/> (plain text, .gz, or "-" for standard input) and returns the
    /// input vectors of every vocabulary word, most frequent first (&lt;/s&gt; first, as word2vec.c).
    /// </summary>
    /// <param name="progress">Called about every <paramref name="interval"/> (default 200 ms) from the training
    /// thread.</param>
    /// <param name="cancel">Stops training at the next sentence: <see cref="OperationCanceledException"/> is
    /// thrown.</param>
    /// <exception cref="FastW2VException">Bad input or options (a one-sentence message).</exception>
    public static WordVectors Train(string corpusPath, TrainingOptions? training = null,
        VocabularyOptions? vocabulary = null,
        Action<TrainingSnapshot>? progress = null, CancellationToken cancel = default, TimeSpan? interval = null)
    {
        var job = new TrainingJob
        {
            Input = corpusPath, Training = training ?? new TrainingOptions(),
                Vocabulary = vocabulary ?? new VocabularyOptions(),
        };
        var events = new TrainingEvents
        {
            Progress = progress, ProgressInterval = interval ?? TimeSpan.FromMilliseconds(200), Stop = cancel,
        };
        return TrainingRun.InMemory(job, events).Vectors;
    }
}
