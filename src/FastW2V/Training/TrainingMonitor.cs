using System.Diagnostics;

namespace FastW2V.Training;

/// <summary>
/// The calling thread's part of a run while the workers train: every interval it takes a snapshot of
/// their counters, reports progress and checks the model for NaN/Inf; it writes the checkpoints (with
/// every worker parked at a sentence boundary) and turns a stop request into the workers' stop flag.
/// </summary>
internal sealed unsafe class TrainingMonitor
{
    private readonly TrainingOptions _options;
    private readonly WordVectorModel _model;
    private readonly SharedTrainingState _shared;
    private readonly TrainingControl _control;
    private readonly WorkerPosition[] _records;
    private readonly WorkerStats* _stats;
    private readonly long _totalWords, _tokens;
    private readonly long[] _startWords;
    private double _lastLoss;
    private long _lastCount;

    public Stopwatch Clock { get; } = Stopwatch.StartNew();
    /// <summary>The loss of each progress interval, in order.</summary>
    public List<double> History { get; } = [];
    /// <summary>Why training failed (divergence), or null.</summary>
    public string? Failure { get; private set; }
    /// <summary>A stop was requested (by the caller's token or by another rank).</summary>
    public bool Stopped { get; set; }

    public TrainingMonitor(TrainingOptions options, WordVectorModel model, SharedTrainingState shared,
        TrainingControl control,
        WorkerPosition[] records, WorkerStats* stats, long tokens, long totalWords)
    {
        (_options, _model, _shared, _control, _records) = (options, model, shared, control, records);
        _stats = stats;
        (_tokens, _totalWords) = (tokens, totalWords);
        // A resumed run's counters start at the checkpoint's: rates and the first interval count only this run.
        var resumed = control.Resume?.Workers;
        _lastLoss = resumed?.Sum(w => w.LossSum) ?? 0;
        _lastCount = resumed?.Sum(w => w.LossCount) ?? 0;
        _startWords = resumed?.Select(w => w.Words).ToArray() ?? new long[options.Threads];
    }

    /// <summary>The words this run trained (a resumed run's earlier words excluded).</summary>
    public long StartWords => _startWords.Sum();

    /// <summary>Watches until every worker (and, in an MPI job, the last merging round) has ended.</summary>
    public void Watch(WorkerThreads workers, Func<int, bool> mergerEnded, Action<TrainingSnapshot>? progress,
        TimeSpan interval)
    {
        TimeSpan next = interval, nextCheckpoint = _control.CheckpointEvery;
        int wait = Math.Clamp((int)interval.TotalMilliseconds, 1, 50);
        while (!WorkersEnded(workers, wait) || !mergerEnded(50))
        {
            if (_control.Stop.IsCancellationRequested && !Stopped) { Stopped = true; _shared.Stop = true; }
            if (_control.Checkpoint != null && !_shared.Stop && CheckpointDue(workers, nextCheckpoint))
                nextCheckpoint = Clock.Elapsed + _control.CheckpointEvery;
            if (Clock.Elapsed < next) continue;
            next = Clock.Elapsed + interval;
            var snapshot = Snapshot();
            if (!double.IsFinite(_lastLoss) || _model.HasNonFinite(0, 64))
            {
                Failure = $"Training diverged at {snapshot.Fraction:P1}: the vectors hold NaN or infinite values. "
                    + $"Lower -alpha (now {_options.StartingAlpha}).";
                _shared.Stop = true;
            }
            if (!_shared.Stop) progress?.Invoke(snapshot);
        }
    }

    /// <summary>Waits for the workers; when they stop at epoch ends, for their signal instead (a worker at an
    /// epoch's end, or leaving, wakes the monitor at once).</summary>
    private bool WorkersEnded(WorkerThreads workers, int wait)
    {
        var gate = _shared.Gate;
        if (!gate.WatchesEpochEnds || gate.AllLeft(_options.Threads)) return workers.Join(wait);
        gate.WaitForSignal(wait);
        return false;
    }

    /// <summary>Writes the checkpoint that is due, if one is: an epoch's end, or the time since the last.</summary>
    private bool CheckpointDue(WorkerThreads workers, TimeSpan nextCheckpoint)
    {
        if (_shared.Gate.AtEpochEnd(_options.Threads, out int epochs)) EpochCheckpoint(workers, epochs);
        else if (Clock.Elapsed >= nextCheckpoint) CheckpointNow(workers);
        else return false;
        return true;
    }

    private void CheckpointNow(WorkerThreads workers)
    {
        bool parked = _shared.Gate.ParkAll(_options.Threads,
            () => _shared.Stop || _control.Stop.IsCancellationRequested || workers.AnyFailed);
        if (!parked) return;
        try { Write(); }
        finally { _shared.Gate.Release(); }
    }

    /// <summary>Every worker still training waits at an epoch's end: the epoch's checkpoint (none if one
    /// failed: its position is stale).</summary>
    private void EpochCheckpoint(WorkerThreads workers, int epochs)
    {
        try
        {
            if (!workers.AnyFailed) Write();
        }
        finally { _shared.Gate.ReleaseEpochEnd(epochs); }
    }

    /// <summary>A checkpoint during training. One that cannot be written is a warning: the previous checkpoint
    /// is intact (written atomically) and later ones may succeed once there is room again.</summary>
    private void Write()
    {
        try { _control.Checkpoint!(State(), _model); }
        catch (Exception e) when (e is FastW2VException or IOException or UnauthorizedAccessException)
        {
            _control.Warning?.Invoke($"{e.Message.TrimEnd('.')}; training goes on (an earlier checkpoint, if "
                + "any, is kept).");
        }
    }

    /// <summary>Where every worker is: what a checkpoint stores.</summary>
    public TrainingState State() => new()
    {
        WordsDone = Volatile.Read(ref _shared.WordsDone),
        Workers = _records.Select(r => r.Clone()).ToArray(),
    };

    /// <summary>The counters now, and the loss of the interval since the last snapshot.</summary>
    public TrainingSnapshot Snapshot()
    {
        var elapsed = Clock.Elapsed;
        // (the other MPI ranks' words as of the last merging round count as done, and as fresh)
        long remote = Volatile.Read(ref _shared.RemoteWords);
        long words = remote, fresh = remote; double loss = 0; long count = 0;
        int threads = _options.Threads;
        var perThread = new double[threads];
        for (int t = 0; t < threads; t++)
        {
            long w = Volatile.Read(ref _stats[t].Words);
            words += w;
            fresh += w - _startWords[t];
            perThread[t] = (w - _startWords[t]) / Math.Max(1e-9, elapsed.TotalSeconds);
            loss += _stats[t].LossSum;
            count += _stats[t].LossCount;
        }
        double interval = count > _lastCount ? (loss - _lastLoss) / (count - _lastCount) : double.NaN;
        (_lastLoss, _lastCount) = (loss, count);
        if (!double.IsNaN(interval)) History.Add(interval);
        return new TrainingSnapshot
        {
            Fraction = Math.Min(1, words / (double)_totalWords),
            EpochCount = _options.Iterations,
            Words = words,
            TotalWords = _totalWords,
            Elapsed = elapsed,
            WordsPerSecond = fresh / Math.Max(1e-9, elapsed.TotalSeconds),
            ThreadWordsPerSecond = perThread,
            Alpha = _options.AlphaAt(_shared.JobWordsDone, _totalWords),
            IntervalLoss = interval,
        };
    }
}
