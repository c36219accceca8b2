namespace FastW2V.Training;

/// <summary>
/// The training threads of one run: one per worker, each running the worker body for its index. A worker
/// that fails records its exception and stops the others; a worker that leaves, for any reason, leaves
/// the epoch barrier and the checkpoint gate so that no other worker waits for it.
/// </summary>
internal sealed class WorkerThreads
{
    private readonly Thread[] _threads;
    private readonly Exception?[] _errors;

    public WorkerThreads(int count, Action<int> body, SharedTrainingState shared, bool pin)
    {
        _threads = new Thread[count];
        _errors = new Exception?[count];
        for (int t = 0; t < count; t++)
        {
            int index = t;
            _threads[t] = new Thread(() => Work(index, body, shared, pin)) { IsBackground = true,
                Name = $"fw2v worker {t}" };
        }
    }

    public int Count => _threads.Length;

    public bool AnyFailed => _errors.Any(e => e != null);

    public void Start()
    {
        foreach (var thread in _threads) thread.Start();
    }

    /// <summary>Waits up to <paramref name="milliseconds"/> for every worker; true when all have ended.</summary>
    public bool Join(int milliseconds) => _threads.All(w => w.Join(milliseconds));

    /// <summary>Stops and waits for every worker still running (they use pinned memory the caller frees).</summary>
    public void StopAll(SharedTrainingState shared)
    {
        if (!_threads.Any(w => w.IsAlive)) return;
        shared.Stop = true;
        foreach (var w in _threads) w.Join();
    }

    /// <summary>Rethrows the first worker's failure (the epoch callback's own exception, not the barrier's).</summary>
    public void ThrowIfFailed()
    {
        if (_errors.FirstOrDefault(e => e != null) is { } error)
            throw error is BarrierPostPhaseException { InnerException: { } inner } ? inner : error;
    }

    private void Work(int index, Action<int> body, SharedTrainingState shared, bool pin)
    {
        try
        {
            if (pin) ThreadPinning.PinCurrentThread(index);
            body(index);
        }
        catch (Exception e) { _errors[index] = e; shared.Stop = true; }
        finally
        {
            // Leaving can complete a phase and run the epoch callback here: keep what it throws.
            try { shared.EpochBarrier?.RemoveParticipant(); }
            catch (Exception e) when (e is not InvalidOperationException) { _errors[index] ??= e; shared.Stop = true; }
            catch (InvalidOperationException) { }
            shared.Gate.Leave();
        }
    }
}
