using FastW2V.Storage;
using FastW2V.Corpus;
using FastW2V.Formats;
using FastW2V.Kernels;
using FastW2V.Preparation;
using FastW2V.Training;
using FastW2V.Vocabularies;

namespace FastW2V;

/// <summary>
/// The library's front door for programs that embed it (the C ABI, the NuGet package): train word vectors
/// from a text file in one call. The vectors it returns are queried with <see cref="Evaluation.NearestNeighbours"/>,
/// saved with <see cref="VectorFileWriter"/> and read back with <see cref="VectorFileReader"/>.
/// </summary>
public static unsafe class Word2Vec
{
    /// <summary>
    /// Trains on <paramref name="corpusPath"/> (plain text, .gz, or "-" for standard input) and returns the
    /// input vectors of every vocabulary word, most frequent first (&lt;/s&gt; first, as word2vec.c).
    /// </summary>
    /// <param name="progress">Called about every <paramref name="interval"/> (default 200 ms) from the training thread.</param>
    /// <param name="cancel">Stops training at the next sentence: <see cref="OperationCanceledException"/> is thrown.</param>
    /// <exception cref="FastW2VException">Bad input or options (a one-sentence message).</exception>
    public static WordVectors Train(string corpusPath, TrainingOptions? training = null, VocabularyOptions? vocabulary = null,
        Action<TrainingSnapshot>? progress = null, CancellationToken cancel = default, TimeSpan? interval = null)
    {
        training ??= new TrainingOptions();
        vocabulary ??= new VocabularyOptions();
        training.Validate();
        vocabulary.Validate();
        using var prepared = CorpusPreparation.Prepare(new CorpusSource(corpusPath),
            new PreparationOptions { Threads = training.Threads, Vocabulary = vocabulary, Encode = true });
        var result = Trainer.Train(prepared.Vocabulary, prepared.Encoded!, training, progress, interval ?? TimeSpan.FromMilliseconds(200),
            control: new TrainingControl { Stop = cancel });
        using var model = result.Model;
        var words = new List<byte[]>(prepared.Vocabulary.Count);
        for (int i = 0; i < prepared.Vocabulary.Count; i++) words.Add(prepared.Vocabulary.GetWordBytes(i).ToArray());
        // The model's other matrices go now; the vectors are copied out of it, padding and all.
        var vectors = new EmbeddingMatrix(model.Words, model.Dimension);
        long bytes = (long)model.Input.Stride * model.Words * sizeof(float);
        Buffer.MemoryCopy(model.Input.Data, vectors.Data, bytes, bytes);
        return new WordVectors(words, vectors);
    }
}
