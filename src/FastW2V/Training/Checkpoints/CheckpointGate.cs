namespace FastW2V.Training;

/// <summary>
/// Parks the workers at their next sentence boundary so a checkpoint sees a still model and exact
/// positions: the monitor raises <see cref="Requested"/>, each worker records its position and waits,
/// workers that have left count as parked, and the monitor lets them all go on after writing.
/// <para>
/// Epoch ends (<see cref="WatchEpochEnds"/>): a worker that ends an epoch but the last records its position
/// and waits here, and wakes the monitor, which writes the checkpoint once every worker still training
/// waits. The epoch's checkpoint is written by the workers' signal rather than found by polling, so
/// epochs shorter than the monitor's interval are not missed, and its positions are the epoch's end.
/// </para>
/// </summary>
internal sealed class CheckpointGate
{
    private int _parked, _left, _generation;
    /// <summary>Per worker: the epochs it has ended while it waits at that end (0: it is not waiting).</summary>
    private int[] _waiting = [];
    private readonly object _signal = new();
    private bool _signalled;
    public volatile bool Requested;

    /// <summary>Read before <see cref="Requested"/>: the release a parked worker waits for is the next one.</summary>
    public int Generation => Volatile.Read(ref _generation);

    /// <summary>Workers wait at the end of every epoch but the last (set before they start).</summary>
    public void WatchEpochEnds(int workers) => _waiting = new int[workers];

    public bool WatchesEpochEnds => _waiting.Length > 0;

    /// <summary>A worker: my position is recorded; wait until the checkpoint is written. (A generation
    /// count, not an event: a Set quickly followed by the next Reset could leave a waiter asleep.)</summary>
    public void Park(int generation)
    {
        Interlocked.Increment(ref _parked);
        while (Volatile.Read(ref _generation) == generation) Thread.Sleep(1);
    }

    /// <summary>A worker has ended <paramref name="epochs"/> epochs, its position recorded: wait until the
    /// monitor has written their checkpoint (or the run stops).</summary>
    public void WaitAtEpochEnd(int worker, int epochs, Func<bool> stop)
    {
        Volatile.Write(ref _waiting[worker], epochs);
        Signal();
        while (Volatile.Read(ref _waiting[worker]) != 0)
        {
            if (stop()) { Volatile.Write(ref _waiting[worker], 0); return; }
            Thread.Sleep(1);
        }
    }

    /// <summary>A worker has finished (or stopped) for good, its final position recorded.</summary>
    public void Leave()
    {
        Interlocked.Increment(ref _left);
        Signal();
    }

    public bool AllLeft(int workers) => Volatile.Read(ref _left) == workers;

    /// <summary>The monitor: whether every worker still training waits at an epoch's end, and the fewest epochs
    /// any of them has ended (after a resume, workers can stand an epoch apart).</summary>
    public bool AtEpochEnd(int workers, out int epochs)
    {
        epochs = int.MaxValue;
        int waiting = 0;
        foreach (ref int e in _waiting.AsSpan())
        {
            int ended = Volatile.Read(ref e);
            if (ended == 0) continue;
            waiting++;
            epochs = Math.Min(epochs, ended);
        }
        return waiting > 0 && waiting + Volatile.Read(ref _left) >= workers;
    }

    /// <summary>The monitor, after the checkpoint: lets the workers that ended <paramref name="epochs"/> epochs go
    /// on (one already further waits for the others to catch up).</summary>
    public void ReleaseEpochEnd(int epochs)
    {
        foreach (ref int e in _waiting.AsSpan())
            if (Volatile.Read(ref e) == epochs) Volatile.Write(ref e, 0);
    }

    /// <summary>The monitor: waits up to <paramref name="milliseconds"/> for a worker at an epoch's end or
    /// leaving.</summary>
    public void WaitForSignal(int milliseconds)
    {
        lock (_signal)
        {
            if (!_signalled) Monitor.Wait(_signal, milliseconds);
            _signalled = false;
        }
    }

    private void Signal()
    {
        lock (_signal)
        {
            _signalled = true;
            Monitor.PulseAll(_signal);
        }
    }

    /// <summary>The monitor: park every worker still running; false if <paramref name="abandon"/> says to stop
    /// waiting. A worker waiting at an epoch's end counts as parked (its position is recorded).</summary>
    public bool ParkAll(int workers, Func<bool> abandon)
    {
        Volatile.Write(ref _parked, 0);
        Requested = true;
        while (Volatile.Read(ref _parked) + Volatile.Read(ref _left) + Waiting() < workers)
        {
            if (abandon()) { Release(); return false; }
            Thread.Sleep(1);
        }
        // A worker that failed has left too: its record is stale, so no checkpoint.
        if (abandon()) { Release(); return false; }
        return true;
    }

    private int Waiting()
    {
        int waiting = 0;
        foreach (ref int e in _waiting.AsSpan()) if (Volatile.Read(ref e) != 0) waiting++;
        return waiting;
    }

    public void Release()
    {
        Requested = false;
        Interlocked.Increment(ref _generation);
    }
}
