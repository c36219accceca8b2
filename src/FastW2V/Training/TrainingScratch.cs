using FastW2V.Kernels;
using Microsoft.Extensions.ObjectPool;

namespace FastW2V.Training;

/// <summary>
/// One worker's scratch memory: the hidden vector, its gradient, the sentence and the drawn targets.
/// Taken from an <see cref="ObjectPool{T}"/> when a worker starts and returned when it ends, so the
/// training loop never allocates.
/// </summary>
internal sealed unsafe class TrainingScratch : IDisposable
{
    public const int MaxSentence = 1000; // word2vec.c's MAX_SENTENCE_LENGTH
    private readonly AlignedBuffer _floats;
    private readonly AlignedBuffer _ints;

    private readonly AlignedBuffer _rows;
    private readonly AlignedBuffer _softmax;

    public int Stride { get; }
    public float* Hidden => (float*)_floats.Pointer;
    public float* Gradient => (float*)_floats.Pointer + Stride;
    /// <summary>A HogBatch window's row updates: max(2·window, targets) rows of the stride.</summary>
    public float* Deltas => (float*)_floats.Pointer + 2 * Stride;
    /// <summary>Scratch for a window update: a row, or the step matrix (targets × 2·window rounded up to 8).</summary>
    public float* WindowScratch => Deltas + _deltaFloats;
    private readonly long _deltaFloats;
    /// <summary>A HogBatch window's context rows (pointers into the input matrix).</summary>
    public float** ContextRows => (float**)_rows.Pointer;
    /// <summary>The full softmax's logits and probabilities: one float per word (empty without it).</summary>
    public float* SoftmaxScratch => (float*)_softmax.Pointer;
    private readonly int _maxTargets;
    public int* Sentence => (int*)_ints.Pointer;
    /// <summary>Per sentence position: the first and last context position of its (shrunk) window.</summary>
    public int* WindowFrom => Sentence + MaxSentence;
    public int* WindowTo => WindowFrom + MaxSentence;
    /// <summary>Two target buffers: one for the example being trained, one for the next (drawn ahead).</summary>
    public int* Targets => WindowTo + MaxSentence;
    public int* NextTargets => Targets + _maxTargets;
    /// <summary>How often each shared negative was drawn, for the current and the next window.</summary>
    public int* Multiplicity => NextTargets + _maxTargets;
    public int* NextMultiplicity => Multiplicity + _maxTargets;
    /// <summary>The buffer of <see cref="NegativeStream"/>.</summary>
    public int* Negatives => NextMultiplicity + _maxTargets;

    public TrainingScratch(int stride, int maxTargets, int window, int softmaxWords = 0)
    {
        _softmax = new AlignedBuffer((long)softmaxWords * sizeof(float));
        Stride = stride;
        _maxTargets = maxTargets;
        _deltaFloats = (long)Math.Max(2 * window, Math.Max(maxTargets, Losses.HuffmanTree.MaxCodeLength)) * stride;
        long scratch = Math.Max(stride, (long)Math.Max(maxTargets, Losses.HuffmanTree.MaxCodeLength) * ((2 * window + 7) & ~7) + 16);
        _floats = new AlignedBuffer((2L * stride + _deltaFloats + scratch) * sizeof(float));
        _ints = new AlignedBuffer((3L * MaxSentence + 4L * maxTargets + NegativeStream.Size) * sizeof(int));
        _rows = new AlignedBuffer(2L * window * sizeof(float*));
    }

    public void Dispose()
    {
        _floats.Dispose();
        _ints.Dispose();
        _rows.Dispose();
        _softmax.Dispose();
    }

    public sealed class Policy(int stride, int maxTargets, int window, int softmaxWords) : PooledObjectPolicy<TrainingScratch>
    {
        public override TrainingScratch Create() => new(stride, maxTargets, window, softmaxWords);
        public override bool Return(TrainingScratch obj) => true;
    }
}
