using FastW2V.Storage;
using FastW2V.Kernels;
using FastW2V.Training.Batched;
using FastW2V.Training.Losses;
using Microsoft.Extensions.ObjectPool;

namespace FastW2V.Training;

/// <summary>
/// One worker's scratch memory: the sentence and its windows, the drawn targets, and the rows and step
/// matrix of the batched updates. Taken from an <see cref="ObjectPool{T}"/> when a worker starts and
/// returned when it ends, so the training loop never allocates.
/// </summary>
internal sealed unsafe class TrainingScratch : IDisposable
{
    public const int MaxSentence = 1000; // word2vec.c's MAX_SENTENCE_LENGTH
    /// <summary>Words the sentence buffer holds: whole sentences are packed until it holds at least <see
    /// cref="MaxSentence"/>.</summary>
    public const int MaxPacked = 2 * MaxSentence;
    private readonly AlignedBuffer _floats, _pointers, _ints, _softmax;

    public int Stride { get; }
    /// <summary>Rows on the input side of a batched update: a window's contexts or a CBOW batch, rounded up to
    /// 8.</summary>
    public int InputRows { get; }
    /// <summary>Targets of one batched update: the negatives, or the union of a CBOW batch's Huffman paths.</summary>
    public int MaxTargets { get; }
    /// <summary>
    /// Whether this batched update computes its loss: one in 8 does (the loss costs a log per 8 scores),
    /// which is plenty for the display and the divergence check. The counter lives in this worker's own
    /// unmanaged memory: as a field of this small object it shared a cache line with the other workers'
    /// objects, and its write per window made two workers fight over one cache line (false sharing).
    /// </summary>
    public bool SampleLoss() => ((*(uint*)_counters.Pointer)++ & 7) == 0;
    /// <summary>How many sentences the buffer holds (<see cref="SentenceEnds"/>), in the worker's own memory as
    /// well.</summary>
    public ref int Sentences => ref ((int*)_counters.Pointer)[1];
    private readonly AlignedBuffer _counters = new(AlignedBuffer.CacheLine);

    public float* Hidden => (float*)_floats.Pointer;
    public float* Gradient => Hidden + Stride;
    /// <summary>A row of zeros, never written: pads the input rows of a batched update to a multiple of 8.</summary>
    public float* ZeroRow => Gradient + Stride;
    /// <summary>The input rows' steps of a batched update (<see cref="DeltaRows"/> point here).</summary>
    public float* Deltas => ZeroRow + Stride;
    /// <summary>A CBOW batch's hidden vectors, <see cref="Stride"/> apart.</summary>
    public float* Hiddens => Deltas + (long)InputRows * Stride;
    /// <summary>The step matrix G of a batched update (targets × input rows), or one row for the loop
    /// kernels.</summary>
    public float* Steps => Hiddens + (long)_hiddenRows * Stride;
    private readonly int _hiddenRows;
    /// <summary>The full softmax's logits and probabilities: one float per word (empty without it).</summary>
    public float* SoftmaxScratch => (float*)_softmax.Pointer;

    public float** ContextRows => (float**)_pointers.Pointer;
    public float** DeltaRows => ContextRows + InputRows;
    public float** TargetRows => DeltaRows + InputRows;

    public int* Sentence => (int*)_ints.Pointer;
    /// <summary>Per sentence position: the first and last context position of its (shrunk) window.</summary>
    public int* WindowFrom => Sentence + MaxPacked;
    public int* WindowTo => WindowFrom + MaxPacked;
    /// <summary>Where each sentence of a packed buffer ends (exclusive), in order; one entry for a single
    /// sentence.</summary>
    public int* SentenceEnds => WindowTo + MaxPacked;

    /// <summary>Two target buffers: one for the example being trained, one for the next (drawn ahead).</summary>
    public int* Targets => SentenceEnds + MaxPacked;
    public int* NextTargets => Targets + _negativeTargets;
    /// <summary>How often each shared negative was drawn, for the current and the next update.</summary>
    public int* Multiplicity => NextTargets + _negativeTargets;
    public int* NextMultiplicity => Multiplicity + _negativeTargets;
    /// <summary>The buffer of <see cref="NegativeStream"/>.</summary>
    public int* Negatives => NextMultiplicity + _negativeTargets;
    /// <summary>A CBOW batch's centre words (padded with −1 to <see cref="InputRows"/>).</summary>
    public int* Centres => Negatives + NegativeStream.Size;
    /// <summary>The union of a CBOW batch's Huffman paths: node ids, then a hash of them.</summary>
    public int* UnionNodes => Centres + InputRows;
    public int* UnionHash => UnionNodes + MaxTargets;
    /// <summary>The hash's size less one: a power of two at least twice <see cref="MaxTargets"/>.</summary>
    public int UnionHashMask { get; }
    /// <summary>Per (union node, centre): 0 off the centre's path, 1 + code bit on it.</summary>
    public byte* UnionLabels => (byte*)(UnionHash + UnionHashMask + 1);
    private readonly int _negativeTargets;

    /// <param name="window">Skip-gram windows' reach (their input rows are 2·window contexts); 0 without them.</param>
    /// <param name="cbowBatch">CBOW batches' size; 0 without them.</param>
    public TrainingScratch(int stride, int negative, int window, int cbowBatch, int softmaxWords = 0)
    {
        Stride = stride;
        InputRows = (Math.Max(1, Math.Max(2 * window, cbowBatch)) + 7) & ~7;
        _hiddenRows = cbowBatch;
        _negativeTargets = negative + 1;
        // A skip-gram window's Huffman path, or the union of a CBOW batch's paths.
        MaxTargets = Math.Max(_negativeTargets, HuffmanTree.MaxCodeLength * Math.Max(1, cbowBatch));
        UnionHashMask = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)(2 * MaxTargets)) - 1;
        long steps = Math.Max(stride, (long)MaxTargets * InputRows);
        _floats = new AlignedBuffer((3L * stride + ((long)InputRows + cbowBatch) * stride + steps) * sizeof(float));
        _pointers = new AlignedBuffer((2L * InputRows + MaxTargets) * sizeof(float*));
        _ints = new AlignedBuffer((4L * MaxPacked + 4L * _negativeTargets + NegativeStream.Size + InputRows
            + MaxTargets + UnionHashMask + 1L) * sizeof(int)
            + (long)MaxTargets * InputRows);
        _softmax = new AlignedBuffer((long)softmaxWords * sizeof(float));
        for (int b = 0; b < InputRows; b++) DeltaRows[b] = Deltas + (long)b * stride;
    }

    /// <summary>A batched update over <paramref name="rows"/> with this scratch (the caller sets the batch and
    /// prefetch).</summary>
    public WindowRows Window(float** rows) => new()
    {
        Rows = rows, DeltaRows = DeltaRows, Steps = Steps, TargetRows = TargetRows, ZeroRow = ZeroRow,
    };

    public void Dispose()
    {
        _floats.Dispose();
        _pointers.Dispose();
        _ints.Dispose();
        _softmax.Dispose();
        _counters.Dispose();
    }

    public sealed class Policy(int stride, int negative, int window, int cbowBatch,
        int softmaxWords) : PooledObjectPolicy<TrainingScratch>
    {
        public override TrainingScratch Create() => new(stride, negative, window, cbowBatch, softmaxWords);
        public override bool Return(TrainingScratch obj) => true;
    }
}
