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

/// <summary>
/// Parks the workers at their next sentence boundary so a checkpoint sees a still model and exact
/// positions: the monitor raises <see cref="Requested"/>, each worker records its position and waits,
/// workers that have left count as parked, and the monitor lets them all go on after writing.
/// </summary>
internal sealed class CheckpointGate
{
    private int _parked, _left, _generation;
    public volatile bool Requested;

    /// <summary>Read before <see cref="Requested"/>: the release a parked worker waits for is the next one.</summary>
    public int Generation => Volatile.Read(ref _generation);

    /// <summary>A worker: my position is recorded; wait until the checkpoint is written. (A generation
    /// count, not an event: a Set quickly followed by the next Reset could leave a waiter asleep.)</summary>
    public void Park(int generation)
    {
        Interlocked.Increment(ref _parked);
        while (Volatile.Read(ref _generation) == generation) Thread.Sleep(1);
    }

    /// <summary>A worker has finished (or stopped) for good, its final position recorded.</summary>
    public void Leave() => Interlocked.Increment(ref _left);

    public bool AllLeft(int workers) => Volatile.Read(ref _left) == workers;

    /// <summary>The monitor: park every worker still running; false if <paramref name="abandon"/> says to stop
    /// waiting.</summary>
    public bool ParkAll(int workers, Func<bool> abandon)
    {
        Volatile.Write(ref _parked, 0);
        Requested = true;
        while (Volatile.Read(ref _parked) + Volatile.Read(ref _left) < workers)
        {
            if (abandon()) { Release(); return false; }
            Thread.Sleep(1);
        }
        // A worker that failed has left too: its record is stale, so no checkpoint.
        if (abandon()) { Release(); return false; }
        return true;
    }

    public void Release()
    {
        Requested = false;
        Interlocked.Increment(ref _generation);
    }
}
