namespace FastW2V.Training;

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
