using FastW2V.Kernels;
using FastW2V.Sampling;

namespace FastW2V.Training;

/// <summary>Everything that shapes training, with word2vec.c's defaults.</summary>
public sealed record TrainingOptions
{
    /// <summary>Skip-gram or CBOW (word2vec.c's default: CBOW).</summary>
    public Architecture Architecture { get; init; } = Architecture.Cbow;
    /// <summary>Vector dimension (-size).</summary>
    public int Dimension { get; init; } = 100;
    /// <summary>Maximum distance between a word and its context (-window; the window is drawn in 1..this per
    /// word).</summary>
    public int Window { get; init; } = 5;
    /// <summary>Subsampling threshold (word2vec.c's -sample); 0 turns subsampling off.</summary>
    public double Sample { get; init; } = 1e-3;
    private readonly int? _negative;
    private readonly bool? _hierarchicalSoftmax;

    /// <summary>
    /// The loss, when chosen by name (--loss): negative sampling, hierarchical softmax alone, or the full
    /// softmax. Null: word2vec.c's flags <see cref="Negative"/> and <see cref="HierarchicalSoftmax"/> decide
    /// (both set: both heads train).
    /// </summary>
    public LossKind? Loss { get; init; }

    /// <summary>Negative samples per example (-negative; 0 = none). Default 5, or 0 when <see cref="Loss"/>
    /// is hierarchical softmax or the softmax.</summary>
    public int Negative
    {
        get => _negative ?? (Loss is LossKind.HierarchicalSoftmax or LossKind.Softmax ? 0 : 5);
        init => _negative = value;
    }
    /// <summary>Hierarchical softmax (-hs 1); with <see cref="Negative"/> &gt; 0 both heads train, as in
    /// word2vec.c.</summary>
    public bool HierarchicalSoftmax
    {
        get => _hierarchicalSoftmax ?? Loss == LossKind.HierarchicalSoftmax;
        init => _hierarchicalSoftmax = value;
    }
    /// <summary>The exact softmax over the whole vocabulary (O(V) per prediction: small vocabularies, reference
    /// runs).</summary>
    public bool FullSoftmax
    {
        get => _fullSoftmax || Loss == LossKind.Softmax;
        init => _fullSoftmax = value;
    }
    private readonly bool _fullSoftmax;
    /// <summary>Hogwild worker threads (default: every core).</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;
    /// <summary>Epochs (-iter).</summary>
    public int Iterations { get; init; } = 5;
    /// <summary>Starting learning rate; null = word2vec.c's default (0.025 skip-gram, 0.05 CBOW).</summary>
    public float? Alpha { get; init; }
    /// <summary>CBOW hidden vector = sum of the context vectors (default: their mean).</summary>
    public bool CbowSum { get; init; }
    /// <summary>
    /// CBOW mean: step each context row by the plain gradient of the mean, ∂J/∂h / n. Off (the default),
    /// each takes all of ∂J/∂h, as word2vec.c and gensim do: that is the gradient of the mean with the
    /// input rows' learning rate n times the output rows', and learns far better vectors than the plain
    /// gradient, even with a higher learning rate for both matrices (docs/performance.md, CBOW update rule).
    /// </summary>
    public bool CbowExactGradient { get; init; }
    /// <summary>Random seed: with one thread, runs are bit-identical.</summary>
    public ulong Seed { get; init; } = 1;
    /// <summary>How negatives are drawn: an alias table (exact, default) or word2vec.c's unigram table.</summary>
    public NegativeSamplerKind Sampler { get; init; } = NegativeSamplerKind.Alias;
    /// <summary>The kernel strategy (instruction set and technique); the best this CPU runs unless forced.</summary>
    /// <summary>The kernel strategy (default: the fastest this CPU runs; see <see cref="KernelStrategies"/>).</summary>
    public KernelStrategy Kernels { get; init; } = KernelStrategies.Default;
    internal InstructionSet InstructionSet => Kernels.InstructionSet;
    /// <summary>
    /// Batched updates: skip-gram as HogBatch windows (the context rows of a centre word share its
    /// negatives and its Huffman path), CBOW as batches of strided centre words sharing one draw of
    /// negatives and the union of their paths; off = word2vec.c's one-example-at-a-time loops.
    /// </summary>
    public bool Batch { get; init; } = true;
    /// <summary>CBOW centre words per batch (strided across the sentence buffer; they share one draw of
    /// negatives).</summary>
    public int CbowBatch { get; init; } = 8;
    /// <summary>Pin worker t to CPU t (Linux).</summary>
    public bool Pin { get; init; }

    /// <summary>Negative sampling is the only loss (the batched and register-blocked skip-gram paths).</summary>
    public bool NegativeSamplingOnly => Negative > 0 && !HierarchicalSoftmax && !FullSoftmax;

    /// <summary>The starting learning rate: <see cref="Alpha"/>, or word2vec.c's default for the
    /// architecture.</summary>
    public float StartingAlpha => Alpha ?? (Architecture == Architecture.Cbow ? 0.05f : 0.025f);

    /// <summary>Throws a one-sentence <see cref="FastW2VException"/> for an option out of range.</summary>
    public void Validate()
    {
        static void Require(bool ok, string message) { if (!ok) throw new FastW2VException(message); }
        Require(Dimension is >= 1 and <= 10_000, $"size must be between 1 and 10000 (got {Dimension}).");
        Require(Window is >= 1 and <= 1000, $"window must be between 1 and 1000 (got {Window}).");
        Require(Sample >= 0 && double.IsFinite(Sample), $"sample must be 0 (off) or positive (got {Sample}).");
        Require(Negative is >= 0 and <= 1000, $"negative must be between 0 and 1000 (got {Negative}).");
        Require(Threads is >= 1 and <= 1024, $"threads must be between 1 and 1024 (got {Threads}).");
        Require(Iterations is >= 1 and <= 100_000, $"iter must be at least 1 (got {Iterations}).");
        Require(Alpha is null || (Alpha > 0 && float.IsFinite(Alpha.Value)), $"alpha must be positive (got {Alpha}).");
        Require(!(CbowSum && CbowExactGradient), "--cbow-sum and --cbow-exact-gradient exclude each other (the sum's "
            + "step is its gradient already).");
        ValidateLoss();
        Require(Negative > 0 || HierarchicalSoftmax || FullSoftmax, "-negative 0 without -hs 1 trains nothing: use "
            + "negative sampling (-negative 5), hierarchical softmax (-hs 1) or --loss softmax.");
        Require(!(FullSoftmax && (HierarchicalSoftmax || Negative > 0)), "The full softmax is the exact loss and "
            + "trains alone: use --loss softmax (which sets -negative 0 -hs 0).");
        Require(CbowBatch is >= 1 and <= 64, $"cbow-batch must be between 1 and 64 (got {CbowBatch}).");
        Require(Kernels.IsSupported, $"The {Kernels.Name} kernels ({Kernels.Description}) do not run on this CPU.");
    }

    /// <summary>A loss chosen by name excludes word2vec.c's flags that say otherwise.</summary>
    private void ValidateLoss()
    {
        if (Loss == null) return;
        string name = Loss switch { LossKind.HierarchicalSoftmax => "hs", LossKind.Softmax => "softmax", _ => "ns" };
        if (_hierarchicalSoftmax != null) throw new FastW2VException("Give either --loss or -hs, not both.");
        if (Loss != LossKind.NegativeSampling && _negative > 0)
            throw new FastW2VException($"--loss {name} trains no negative samples: drop -negative "
                + $"(or use -hs 1 -negative {_negative} for both heads).");
        if (Loss == LossKind.NegativeSampling && Negative == 0)
            throw new FastW2VException("--loss ns needs negative samples: -negative 0 trains nothing.");
    }

    /// <summary>
    /// The learning rate after <paramref name="wordsDone"/> of <paramref name="totalWords"/> (every rank's, in an
    /// MPI job): word2vec.c's linear decay from <see cref="StartingAlpha"/>, floored at 1/10,000 of it.
    /// Workers and progress reports both ask here.
    /// </summary>
    internal float AlphaAt(long wordsDone, long totalWords) =>
        Math.Max(StartingAlpha * (1 - wordsDone / (float)(totalWords + 1)), StartingAlpha * 1e-4f);
}
