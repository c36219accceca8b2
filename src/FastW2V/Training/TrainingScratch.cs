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

    public int Stride { get; }
    public float* Hidden => (float*)_floats.Pointer;
    public float* Gradient => (float*)_floats.Pointer + Stride;
    private readonly int _maxTargets;
    public int* Sentence => (int*)_ints.Pointer;
    /// <summary>Per sentence position: the first and last context position of its (shrunk) window.</summary>
    public int* WindowFrom => Sentence + MaxSentence;
    public int* WindowTo => WindowFrom + MaxSentence;
    /// <summary>Two target buffers: one for the example being trained, one for the next (drawn ahead).</summary>
    public int* Targets => WindowTo + MaxSentence;
    public int* NextTargets => Targets + _maxTargets;

    public TrainingScratch(int stride, int maxTargets)
    {
        Stride = stride;
        _maxTargets = maxTargets;
        _floats = new AlignedBuffer(2L * stride * sizeof(float));
        _ints = new AlignedBuffer((3L * MaxSentence + 2L * maxTargets) * sizeof(int));
    }

    public void Dispose()
    {
        _floats.Dispose();
        _ints.Dispose();
    }

    public sealed class Policy(int stride, int maxTargets) : PooledObjectPolicy<TrainingScratch>
    {
        public override TrainingScratch Create() => new(stride, maxTargets);
        public override bool Return(TrainingScratch obj) => true;
    }
}
