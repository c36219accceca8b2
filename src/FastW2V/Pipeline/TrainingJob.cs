using FastW2V.Corpus;
using FastW2V.Training;
using FastW2V.Vocabularies;

namespace FastW2V;

/// <summary>
/// Everything one training run needs: the corpus, what to write, the model's and the vocabulary's options,
/// evaluation, checkpoints and MPI. <see cref="TrainingRun.Execute"/> checks it as a whole before any work.
/// </summary>
public sealed record TrainingJob
{
    /// <summary>
    /// The training text: files (plain UTF-8, read in parallel shards; or gzip), folders (their regular files
    /// in name order), patterns with * or ? in their last part, and "-" for standard input. Several make one
    /// text, as if concatenated in order with a newline between them (see <see cref="CorpusInputs"/>).
    /// </summary>
    public IReadOnlyList<string> Inputs { get; init; } = [];
    /// <summary>The training text when it is one name (the first of <see cref="Inputs"/>).</summary>
    public string? Input
    {
        get => Inputs.Count > 0 ? Inputs[0] : null;
        init => Inputs = value == null ? [] : [value];
    }
    /// <summary>Where the word vectors (or, with <see cref="Classes"/>, the word classes) go; "-" is standard
    /// output.</summary>
    public string? Output { get; init; }
    /// <summary>Binary vectors (word2vec.c's -binary 1); null: binary for a path ending in .bin, else text.</summary>
    public bool? Binary { get; init; }
    /// <summary>Also write the output (context) vectors here.</summary>
    public string? OutputVectors { get; init; }
    /// <summary>Save the vocabulary here (word2vec.c's -save-vocab format).</summary>
    public string? SaveVocabulary { get; init; }
    /// <summary>Use this vocabulary file instead of counting the corpus (word2vec.c's -read-vocab).</summary>
    public string? ReadVocabulary { get; init; }
    /// <summary>Write this many word classes (word2vec.c's k-means) to <see cref="Output"/> instead of vectors; 0:
    /// vectors.</summary>
    public int Classes { get; init; }
    /// <summary>The model: architecture, dimension, loss, epochs, threads, kernels.</summary>
    public TrainingOptions Training { get; init; } = new();
    /// <summary>Which words are kept: minimum count, maximum size, pruning while counting.</summary>
    public VocabularyOptions Vocabulary { get; init; } = new();
    /// <summary>Folder for the token-id files (default: the temp folder).</summary>
    public string? CacheFolder { get; init; }
    /// <summary>Keep the token-id files after training.</summary>
    public bool KeepCache { get; init; }
    /// <summary>Refuse invalid UTF-8 in the corpus (the default).</summary>
    public bool CheckUtf8 { get; init; } = true;
    /// <summary>Analogy questions (word2vec.c's questions-words.txt format) to evaluate the vectors on.</summary>
    public string? AnalogyQuestions { get; init; }
    /// <summary>Word-pair similarity files, or folders of them, to evaluate the vectors on (Spearman's ρ).</summary>
    public IReadOnlyList<string> SimilarityPairs { get; init; } = [];
    /// <summary>Evaluate after every epoch, not only at the end.</summary>
    public bool EvaluateEveryEpoch { get; init; }
    /// <summary>Write a checkpoint here every <see cref="CheckpointEvery"/>, after each epoch and when
    /// stopped.</summary>
    public string? Checkpoint { get; init; }
    /// <summary>Time between checkpoints.</summary>
    public TimeSpan CheckpointEvery { get; init; } = TimeSpan.FromMinutes(10);
    /// <summary>Continue the run this checkpoint saved (its options must be this job's).</summary>
    public ResumePoint? Resume { get; init; }
    /// <summary>Start from these vectors (text or binary): words present keep theirs.</summary>
    public string? InitialVectors { get; init; }
    /// <summary>Run even when the memory or disk estimate exceeds what the machine has.</summary>
    public bool Force { get; init; }
    /// <summary>Train as one rank of an MPI job (null: alone).</summary>
    public DistributedOptions? Distributed { get; init; }
    /// <summary>The command line that started this run, as a checkpoint stores it to resume with.</summary>
    public IReadOnlyList<string> CommandLine { get; init; } = [];

    /// <summary>Whether the file at <paramref name="path"/> is written in binary: <see cref="Binary"/>, else by its
    /// name.</summary>
    public bool IsBinary(string path) => Binary ?? path.EndsWith(".bin", StringComparison.OrdinalIgnoreCase);
}
