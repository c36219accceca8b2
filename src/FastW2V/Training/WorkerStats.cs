using System.Runtime.InteropServices;

namespace FastW2V.Training;

/// <summary>
/// What one worker publishes for the progress monitor, once per sentence. Written by that worker
/// only; padded to whole cache lines so two workers never share a line (no false sharing).
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 192)]
internal struct WorkerStats
{
    [FieldOffset(64)] public long Words;      // raw corpus tokens read (before subsampling)
    [FieldOffset(72)] public double LossSum;  // Σ loss over trained examples, in double precision
    [FieldOffset(80)] public long LossCount;  // examples (pairs for skip-gram, windows for CBOW)
}

/// <summary>State shared by all workers: the global word counter for the learning rate, and stop.</summary>
internal sealed class SharedTrainingState
{
    public long WordsDone; // updated with Interlocked.Add every 10,000 words, as word2vec.c does
    /// <summary>The other MPI ranks' words as of the last merging round (0 in one process): the learning
    /// rate follows the job's word count.</summary>
    public long RemoteWords;
    /// <summary>The words every worker of the job has done: what the learning rate runs down over.</summary>
    public long JobWordsDone => Volatile.Read(ref WordsDone) + Volatile.Read(ref RemoteWords);
    /// <summary>This process's first worker's number among all ranks' workers, so no two workers of a job
    /// draw the same random numbers.</summary>
    public int FirstWorker;
    public volatile bool Stop;
    /// <summary>Set when something must see the model between epochs: every worker waits there.</summary>
    public Barrier? EpochBarrier;
    public readonly CheckpointGate Gate = new();
    /// <summary>Where workers note each epoch's end (null: not measured).</summary>
    public EpochMeter? EpochMeter;
}
