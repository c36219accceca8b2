using System.CommandLine;
using FastW2V.Training;

namespace FastW2V.Cli.Commands;

/// <summary><c>fw2v bench</c>'s options and the training job they describe.</summary>
internal sealed class BenchOptions
{
    public readonly Option<string?> Corpus = new("--corpus")
    {
        Description = "Training text (default: the built-in synthetic corpus of Zipf-distributed words; see "
            + "--synthetic-words).",
    };
    public readonly Option<long> Synthetic = new("--synthetic-words")
    {
        Description = "Words of the built-in synthetic corpus, written to a temporary file and deleted after.",
        DefaultValueFactory = _ => 10_000_000,
    };
    public readonly Option<bool> Quick = new("--quick")
    {
        Description = "A first look in well under a minute: 2,000,000 synthetic words, or the first 20 MB of --corpus.",
    };
    public readonly Option<string> Threads = new("--threads")
    {
        Description = "Comma-separated thread counts.", DefaultValueFactory = _ => string.Join(",", DefaultThreads()),
    };
    public readonly Option<int> Repeat = new("--repeat")
    {
        Description = "Runs per thread count; the median is reported.", DefaultValueFactory = _ => 1,
    };
    public readonly Option<bool> Json = new("--json") { Description = "Print the results as JSON." };
    public readonly Option<string?> Vs = new("--vs")
    {
        Description = "Compare with the trainers you have, on the same job, whole processes alternated: "
            + "word2vec=PATH (word2vec.c), fasttext=PATH (fastText without subwords), comma-separated.",
    };
    private readonly Option<int> _cbow = SharedOptions.Int("--cbow", "-cbow", 0, "1 = CBOW, 0 = skip-gram.");
    private readonly Option<int> _size = SharedOptions.Int("--size", "-size", 100, "Vector dimension.");
    private readonly Option<int> _window = SharedOptions.Int("--window", "-window", 5, "Window.");
    private readonly Option<int> _negative = SharedOptions.Int("--negative", "-negative", 5, "Negative samples.");
    private readonly Option<int> _hs = SharedOptions.Int("--hs", "-hs", 0, "1 = hierarchical softmax.");
    private readonly Option<double> _sample = new("--sample", "-sample")
    {
        Description = "Subsampling threshold.", DefaultValueFactory = _ => 1e-4,
    };
    private readonly Option<int> _iter = SharedOptions.Int("--iter", "-iter", 1, "Epochs per run.");
    private readonly Option<bool> _noBatch = new("--no-batch")
    {
        Description = "One example at a time (word2vec.c's loops).",
    };
    private readonly Option<int> _cbowBatch = SharedOptions.CbowBatch();
    private readonly Option<string?> _kernels = SharedOptions.Kernels();
    private readonly Option<bool> _pin = new("--pin") { Description = "Pin worker thread t to CPU t." };

    public IEnumerable<Option> All =>
    [
        Corpus, Synthetic, Quick, Threads, Repeat, Json, Vs, _cbow, _size, _window, _negative, _hs, _sample, _iter,
        _noBatch, _cbowBatch, _kernels, _pin,
    ];

    /// <summary>The job to time, with <paramref name="threads"/> threads.</summary>
    public TrainingOptions Training(ParseResult parse, int threads)
    {
        SharedOptions.RequireZeroOrOne(parse.GetValue(_cbow), "cbow");
        SharedOptions.RequireZeroOrOne(parse.GetValue(_hs), "hs");
        return new TrainingOptions
        {
            Architecture = parse.GetValue(_cbow) == 1 ? Architecture.Cbow : Architecture.SkipGram,
            Dimension = parse.GetValue(_size),
            Window = parse.GetValue(_window),
            Negative = parse.GetValue(_negative),
            HierarchicalSoftmax = parse.GetValue(_hs) == 1,
            Sample = parse.GetValue(_sample),
            Iterations = parse.GetValue(_iter),
            Batch = !parse.GetValue(_noBatch),
            CbowBatch = parse.GetValue(_cbowBatch),
            Kernels = SharedOptions.ChooseKernels(parse.GetValue(_kernels), loops: false),
            Pin = parse.GetValue(_pin),
            Threads = threads,
        };
    }

    private static IEnumerable<int> DefaultThreads()
    {
        for (int n = 1; n < Environment.ProcessorCount; n *= 2) yield return n;
        yield return Environment.ProcessorCount;
    }
}
