using FastW2V.Kernels;
using FastW2V.Sampling;

namespace FastW2V.Training;

public enum Architecture { SkipGram, Cbow }

/// <summary>Everything that shapes training, with word2vec.c's defaults.</summary>
public sealed record TrainingOptions
{
    public Architecture Architecture { get; init; } = Architecture.Cbow;
    public int Dimension { get; init; } = 100;
    public int Window { get; init; } = 5;
    /// <summary>Subsampling threshold (word2vec.c's -sample); 0 turns subsampling off.</summary>
    public double Sample { get; init; } = 1e-3;
    public int Negative { get; init; } = 5;
    public bool HierarchicalSoftmax { get; init; }
    /// <summary>The exact softmax over the whole vocabulary (O(V) per prediction: small vocabularies, reference runs).</summary>
    public bool FullSoftmax { get; init; }
    public int Threads { get; init; } = Environment.ProcessorCount;
    public int Iterations { get; init; } = 5;
    /// <summary>Starting learning rate; null = word2vec.c's default (0.025 skip-gram, 0.05 CBOW).</summary>
    public float? Alpha { get; init; }
    /// <summary>CBOW hidden vector = sum of the context vectors (default: their mean).</summary>
    public bool CbowSum { get; init; }
    /// <summary>
    /// CBOW mean: step each context row by the plain gradient of the mean, ∂J/∂h / n. Off (the default),
    /// each takes all of ∂J/∂h, as word2vec.c and gensim do: that is the gradient of the mean with the
    /// input rows' learning rate n times the output rows', and measured far better (43.8% against 29.3%
    /// analogy accuracy, CBOW d200 w8 n25, 5 epochs; raising alpha for both matrices reached 37.6%).
    /// </summary>
    public bool CbowExactGradient { get; init; }
    public ulong Seed { get; init; } = 1;
    public NegativeSamplerKind Sampler { get; init; } = NegativeSamplerKind.Alias;
    /// <summary>The kernel strategy (instruction set and technique); the best this CPU runs unless forced.</summary>
    public KernelStrategy Kernels { get; init; } = KernelStrategies.Default;
    public SimdPath Simd => Kernels.Path;
    /// <summary>
    /// Batched updates: skip-gram as HogBatch windows (the context rows of a centre word share its
    /// negatives and its Huffman path), CBOW as batches of strided centre words sharing one draw of
    /// negatives and the union of their paths; off = word2vec.c's one-example-at-a-time loops.
    /// </summary>
    public bool Batch { get; init; } = true;
    /// <summary>CBOW centre words per batch (strided across the sentence buffer; they share one draw of negatives).</summary>
    public int CbowBatch { get; init; } = 8;
    /// <summary>Pin worker t to CPU t (Linux).</summary>
    public bool Pin { get; init; }

    /// <summary>Negative sampling is the only loss (the batched and register-blocked skip-gram paths).</summary>
    public bool NegativeSamplingOnly => Negative > 0 && !HierarchicalSoftmax && !FullSoftmax;

    public float StartingAlpha => Alpha ?? (Architecture == Architecture.Cbow ? 0.05f : 0.025f);

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
        Require(!(CbowSum && CbowExactGradient), "--cbow-sum and --cbow-exact-gradient exclude each other (the sum's step is its gradient already).");
        Require(Negative > 0 || HierarchicalSoftmax || FullSoftmax, "-negative 0 without -hs 1 trains nothing: use negative sampling (-negative 5), hierarchical softmax (-hs 1) or --loss softmax.");
        Require(!(FullSoftmax && (HierarchicalSoftmax || Negative > 0)), "The full softmax is the exact loss and trains alone: use --loss softmax (which sets -negative 0 -hs 0).");
        Require(CbowBatch is >= 1 and <= 64, $"cbow-batch must be between 1 and 64 (got {CbowBatch}).");
        Require(Kernels.IsSupported, $"The {Kernels.Name} kernels ({Kernels.Description}) do not run on this CPU.");
    }
}
