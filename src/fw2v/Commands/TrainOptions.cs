using System.CommandLine;
using System.CommandLine.Parsing;
using FastW2V.Sampling;
using FastW2V.Training;
using FastW2V.Vocabularies;

namespace FastW2V.Cli.Commands;

/// <summary>
/// <c>fw2v train</c>'s options (word2vec.c's spellings beside the long ones) and their mapping to the
/// library's <see cref="TrainingJob"/>. Every rule about what combines with what is the library's.
/// </summary>
internal sealed class TrainOptions
{
    public readonly Option<string[]> Input = SharedOptions.Inputs(); // (none with --resume FILE)
    public readonly Option<string?> InputList = SharedOptions.InputList();
    public readonly Option<string?> Output = new("--output", "-output", "-o")
    {
        Description = "Write the word vectors here.",
    };
    public readonly Option<int> Size = SharedOptions.Int("--size", "-size", 100, "Vector dimension.");
    public readonly Option<int> Window =
        SharedOptions.Int("--window", "-window", 5, "Maximum skip length between words.");
    public readonly Option<double> Sample = new("--sample", "-sample")
    {
        Description = "Subsampling threshold for frequent words (0 = off).", DefaultValueFactory = _ => 1e-3,
    };
    public readonly Option<int> Hs = SharedOptions.Int("--hs", "-hs", 0,
        "1 = hierarchical softmax (with -negative N > 0, both heads, as word2vec.c).");
    public readonly Option<string?> Loss = new("--loss")
    {
        Description = "ns (negative sampling), hs (hierarchical softmax alone) or softmax (the exact full softmax; "
            + "small vocabularies).",
    };
    public readonly Option<int> Negative = SharedOptions.Int("--negative", "-negative", 5,
        "Negative samples per example (0 = none).");
    public readonly Option<int> Threads = SharedOptions.Threads();
    public readonly Option<int> Iter = SharedOptions.Int("--iter", "-iter", 5, "Training epochs.");
    public readonly Option<long> MinCount = SharedOptions.MinCount();
    public readonly Option<int> MaxVocab = SharedOptions.MaxVocab();
    public readonly Option<int> Prune = SharedOptions.PruneThreshold();
    public readonly Option<float?> Alpha = new("--alpha", "-alpha")
    {
        Description = "Starting learning rate (default 0.025 skip-gram, 0.05 CBOW).",
    };
    public readonly Option<bool?> Binary = SharedOptions.Binary();
    public readonly Option<int> Cbow = SharedOptions.Int("--cbow", "-cbow", 1, "1 = CBOW, 0 = skip-gram.");
    public readonly Option<string?> SaveVocab = SharedOptions.SaveVocab();
    public readonly Option<string?> ReadVocab = new("--read-vocab", "-read-vocab")
    {
        Description = "Use this vocabulary file instead of counting the corpus.",
    };
    public readonly Option<int> Debug = SharedOptions.Int("--debug", "-debug", 2,
        "0 = nothing but errors; 1 = the summary; 2 = progress as well; 3 = the loss of every epoch too.");
    public readonly Option<int> Classes = SharedOptions.Int("--classes", "-classes", 0,
        "Write word classes (word2vec.c's k-means, 10 iterations) to --output instead of vectors; 0 = vectors.");
    public readonly Option<bool> CbowSum = SharedOptions.Flag("--cbow-sum",
        "CBOW hidden vector = sum of the context vectors (default: mean).");
    public readonly Option<bool> CbowCompat = SharedOptions.Flag("--cbow-w2v-compat",
        "CBOW mean: each context row takes all of the hidden vector's step, as word2vec.c (the default).");
    public readonly Option<bool> CbowExact = SharedOptions.Flag("--cbow-exact-gradient",
        "CBOW mean: each context row takes 1/n of the hidden vector's step, the plain gradient of the mean.");
    public readonly Option<string?> SaveOutput = new("--save-output-vectors")
    {
        Description = "Also write the output (context) vectors to this file.",
    };
    public readonly Option<ulong> Seed = new("--seed")
    {
        Description = "Random seed (with -threads 1, runs are bit-identical).", DefaultValueFactory = _ => 1UL,
    };
    public readonly Option<string?> Cache = new("--cache")
    {
        Description = "Folder for the token-id files (default: the temp folder).",
    };
    public readonly Option<bool> KeepCache =
        SharedOptions.Flag("--keep-cache", "Keep the token-id files after training.");
    public readonly Option<NegativeSamplerKind> Sampler = new("--neg-sampler")
    {
        Description = "Negative sampler: Alias (default) or Table (word2vec.c's).",
        DefaultValueFactory = _ => NegativeSamplerKind.Alias,
    };
    public readonly Option<bool> NoUtf8 = SharedOptions.NoUtf8Check();
    public readonly Option<bool> Quiet = SharedOptions.Quiet();
    public readonly Option<string?> EvalAnalogy = new("--eval-analogy")
    {
        Description = "After training, analogy accuracy on these questions (compute-accuracy protocol, 30,000 words).",
    };
    public readonly Option<string[]> EvalSimilarity = new("--eval-similarity")
    {
        Description = "After training, Spearman's ρ on these word-pair files or folders.",
        AllowMultipleArgumentsPerToken = true,
    };
    public readonly Option<bool> EvalEveryEpoch = SharedOptions.Flag("--eval-every-epoch",
        "Run the evaluations after every epoch, not only at the end.");
    public readonly Option<bool> NoBatch = SharedOptions.Flag("--no-batch",
        "One example at a time, as word2vec.c (default: skip-gram windows and CBOW batches sharing negatives "
        + "and Huffman paths).");
    public readonly Option<int> CbowBatch = SharedOptions.CbowBatch();
    public readonly Option<string?> Kernels = SharedOptions.Kernels();
    public readonly Option<bool> Pin = SharedOptions.Flag("--pin", "Pin worker thread t to CPU t (Linux).");
    public readonly Option<bool> NoRegisters = SharedOptions.Flag("--no-register-kernels",
        "Use the level-1 loop kernels of the chosen instruction set (for benchmarks).");
    public readonly Option<bool> Json = SharedOptions.Flag("--json",
        "At the end, print the run as one JSON object on stdout (options, "
        + "vocabulary, per-epoch loss and time, speed, memory, outputs, evaluations; see docs/json.md).");
    public readonly Option<string> Progress = new("--progress")
    {
        Description = "Progress on stderr: text (for people) or json (one object per line, every second).",
        DefaultValueFactory = _ => "text",
    };
    public readonly LongRunOptions LongRun = new();
    public readonly MpiOptions Mpi = new();

    public TrainOptions()
    {
        Loss.AcceptOnlyFromAmong("ns", "hs", "softmax");
        Progress.AcceptOnlyFromAmong("text", "json");
    }

    public IEnumerable<Option> All =>
    [
        Input, InputList, Output, Size, Window, Sample, Hs, Loss, Negative, Threads, Iter, MinCount, MaxVocab, Prune,
            Alpha,
        Binary, Cbow, SaveVocab, ReadVocab, Debug, Classes, CbowSum, CbowCompat, CbowExact, SaveOutput, Seed, Cache,
        KeepCache, Sampler, NoUtf8, Quiet, Kernels, NoRegisters, NoBatch, CbowBatch, Pin, EvalAnalogy, EvalSimilarity,
        EvalEveryEpoch,
        .. LongRun.All, .. Mpi.All, Json, Progress,
    ];

    /// <summary>The job these options describe; <paramref name="resume"/> continues a checkpoint's run.</summary>
    public TrainingJob Job(ParseResult parse, ResumePoint? resume, bool forced) => new()
    {
        Inputs = SharedOptions.InputNames(parse, Input, InputList),
        Output = parse.GetValue(Output),
        Binary = parse.GetValue(Binary),
        OutputVectors = parse.GetValue(SaveOutput),
        SaveVocabulary = parse.GetValue(SaveVocab),
        ReadVocabulary = parse.GetValue(ReadVocab),
        Classes = parse.GetValue(Classes),
        Training = Training(parse),
        Vocabulary = new VocabularyOptions
        {
            MinCount = parse.GetValue(MinCount), MaxVocab = parse.GetValue(MaxVocab),
            PruneThreshold = parse.GetValue(Prune),
        },
        CacheFolder = parse.GetValue(Cache),
        KeepCache = parse.GetValue(KeepCache),
        CheckUtf8 = !parse.GetValue(NoUtf8),
        AnalogyQuestions = parse.GetValue(EvalAnalogy),
        SimilarityPairs = parse.GetValue(EvalSimilarity) ?? [],
        EvaluateEveryEpoch = parse.GetValue(EvalEveryEpoch),
        Checkpoint = parse.GetValue(LongRun.Checkpoint),
        CheckpointEvery = LongRun.Every(parse),
        Resume = resume,
        InitialVectors = parse.GetValue(LongRun.InitVectors),
        Force = parse.GetValue(LongRun.Force) || forced,
        Distributed = Mpi.Options(parse),
        // The thread count is stored even when it was the default: a checkpoint's positions are per worker.
        CommandLine =
        [
            .. LongRunOptions.Arguments(parse),
            .. parse.GetResult(Threads) is { Implicit: false }
                ? []
                : new[] { "-threads", $"{parse.GetValue(Threads)}" },
        ],
    };

    private TrainingOptions Training(ParseResult parse)
    {
        SharedOptions.RequireZeroOrOne(parse.GetValue(Cbow), "cbow");
        SharedOptions.RequireZeroOrOne(parse.GetValue(Hs), "hs");
        if (parse.GetValue(CbowCompat) && (parse.GetValue(CbowExact) || parse.GetValue(CbowSum)))
            throw new FastW2VException("--cbow-w2v-compat is word2vec.c's step for the mean: it excludes "
                + "--cbow-exact-gradient and --cbow-sum.");
        var options = new TrainingOptions
        {
            Architecture = parse.GetValue(Cbow) == 1 ? Architecture.Cbow : Architecture.SkipGram,
            Dimension = parse.GetValue(Size), Window = parse.GetValue(Window), Sample = parse.GetValue(Sample),
            Loss = parse.GetValue(Loss) switch
            {
                "ns" => LossKind.NegativeSampling,
                "hs" => LossKind.HierarchicalSoftmax,
                "softmax" => LossKind.Softmax,
                _ => null,
            },
            Threads = parse.GetValue(Threads), Iterations = parse.GetValue(Iter), Alpha = parse.GetValue(Alpha),
            CbowSum = parse.GetValue(CbowSum), CbowExactGradient = parse.GetValue(CbowExact),
            Seed = parse.GetValue(Seed),
            Sampler = parse.GetValue(Sampler),
            Kernels = SharedOptions.ChooseKernels(parse.GetValue(Kernels), parse.GetValue(NoRegisters)),
            Batch = !parse.GetValue(NoBatch), CbowBatch = parse.GetValue(CbowBatch), Pin = parse.GetValue(Pin),
        };
        // word2vec.c's -negative and -hs count as given only when typed: --loss sets what they leave out.
        if (parse.GetResult(Negative) is { Implicit: false })
            options = options with { Negative = parse.GetValue(Negative) };
        if (parse.GetResult(Hs) is { Implicit: false })
            options = options with { HierarchicalSoftmax = parse.GetValue(Hs) == 1 };
        return options;
    }
}
