using FastW2V.Clustering;
using FastW2V.Formats;
using FastW2V.Storage;
using FastW2V.Training;

namespace FastW2V;

/// <summary>Writing what the run made: vectors or classes, the output vectors; or keeping them in memory.</summary>
internal sealed partial class TrainingPipeline
{
    private List<OutputFile> Write(TrainingJob job, WordVectorModel model)
    {
        var vocabulary = _prepared!.Vocabulary;
        string output = job.Output!;
        bool binary = job.IsBinary(output), classes = job.Classes > 0;
        if (classes) // word2vec.c: the output file holds the classes, not the vectors
            ClassFileWriter.Write(output, vocabulary.Count, vocabulary.GetWordBytes,
                WordClasses.Cluster(model.Input, job.Classes, job.Training.Threads));
        else VectorFileWriter.Write(output, vocabulary.Count, vocabulary.GetWordBytes, model.Input, binary);
        _log?.Invoke(classes
            ? $"Output:     {output}: the classes of {vocabulary.Count:N0} words ({job.Classes} classes, word2vec.c's "
                + $"k-means)"
            : $"Output:     {output}: {vocabulary.Count:N0} vectors of dimension {job.Training.Dimension}, "
                + $"{Format(binary)}");
        var written = new List<OutputFile> { new(output, classes ? "classes" : "vectors",
            classes ? "text" : Format(binary)) };
        if (job.OutputVectors is { } outputVectors)
        {
            if (model.Output.Rows == 0)
                Warn("hierarchical softmax alone has no output word vectors; --save-output-vectors is skipped.");
            else
            {
                VectorFileWriter.Write(outputVectors, vocabulary.Count, vocabulary.GetWordBytes, model.Output,
                    job.IsBinary(outputVectors));
                written.Add(new(outputVectors, "output-vectors", Format(job.IsBinary(outputVectors))));
            }
        }
        if (job.SaveVocabulary != null) written.Add(new(job.SaveVocabulary, "vocabulary", "text"));
        if (job.Checkpoint != null) written.Add(new(job.Checkpoint, "checkpoint", "binary"));
        return written;
    }

    private static string Format(bool binary) => binary ? "binary" : "text";

    /// <summary>The input vectors copied out of the model (padding and all); the model's other matrices go.</summary>
    private unsafe WordVectors InMemoryVectors(WordVectorModel model)
    {
        var vocabulary = _prepared!.Vocabulary;
        var words = new List<byte[]>(vocabulary.Count);
        for (int i = 0; i < vocabulary.Count; i++) words.Add(vocabulary.GetWordBytes(i).ToArray());
        var vectors = new EmbeddingMatrix(model.Words, model.Dimension);
        long bytes = (long)model.Input.Stride * model.Words * sizeof(float);
        Buffer.MemoryCopy(model.Input.Data, vectors.Data, bytes, bytes);
        return new WordVectors(words, vectors);
    }
}
