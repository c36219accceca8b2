using FastW2V.Kernels.Update;
using FastW2V.Training.Losses;
using FastW2V.Vocabularies;
using System.Runtime.CompilerServices;
using FastW2V.Corpus;
using FastW2V.Distributed;
using FastW2V.Kernels;
using FastW2V.Sampling;
using Microsoft.Extensions.ObjectPool;

namespace FastW2V.Training;

/// <summary>
/// Runs Hogwild training: one thread per contiguous range of the encoded corpus, all updating the
/// same matrices without locks, while the calling thread watches progress, reports it and checks
/// for NaN/Inf at every interval.
/// </summary>
internal static unsafe class Trainer
{
    /// <param name="epochEnd">Called after every epoch but the last with the epoch number (from 1) and the
    /// model, while all workers wait: the vectors are still (for evaluation during training).</param>
    public static TrainingResult Train(Vocabulary vocabulary, EncodedCorpus corpus, TrainingOptions options,
        Action<TrainingSnapshot>? progress = null, TimeSpan? interval = null,
        Action<int, WordVectorModel>? epochEnd = null,
        TrainingControl? control = null)
    {
        options.Validate();
        control ??= new TrainingControl();
        if (control.Checkpoint != null && epochEnd != null)
            throw new FastW2VException("Checkpoints and evaluation after every epoch cannot be combined (both stop "
                + "the workers).");
        if (vocabulary.Count <= 2) // </s> and one word: every pair is that word with itself
            throw new FastW2VException("The vocabulary has a single word: there is nothing to learn from.");
        long tokens = corpus.TokenCount;
        if (tokens <= options.Window)
            throw new FastW2VException($"The corpus has {tokens} word(s) in the vocabulary, not more than the window "
                + $"({options.Window}): too little to train on.");
        // Every field of a resumed position indexes memory (the corpus, the negative buffer, the model's rows).
        control.Resume?.CheckFits(options, tokens, vocabulary.Count);

        var job = control.Distributed;
        if (job != null && (control.Checkpoint != null || control.Resume != null || epochEnd != null))
            throw new FastW2VException("--mpi training cannot be combined with checkpoints or evaluation after every "
                + "epoch yet.");
        // Every rank's learning rate runs down over the whole job's words.
        long jobTokens = tokens;
        if (job != null)
        {
            Span<long> all = [tokens];
            job.Ranks.AllreduceSum(all);
            jobTokens = all[0];
        }

        var model = new WordVectorModel(vocabulary.Count, options.Dimension, options.Seed,
            outputRows: options.Negative > 0 || options.FullSoftmax, treeRows: options.HierarchicalSoftmax);
        var shared = new SharedTrainingState { WordsDone = control.Resume?.WordsDone ?? 0,
            FirstWorker = (job?.Ranks.Rank ?? 0) * options.Threads };
        var merger = job != null ? new ModelMerger(job, model, shared, options.Threads,
            () => control.Stop.IsCancellationRequested) : null;
        try
        {
            control.Initialize?.Invoke(model);
            var result = Run(vocabulary, corpus, options, model, progress, interval ?? TimeSpan.FromSeconds(1),
                epochEnd, control,
                shared, jobTokens * options.Iterations, merger);
            merger?.Dispose();
            return result;
        }
        catch
        {
            // An merging round still under way reads the model: leave it (the MPI job is being aborted).
            if (merger?.IsRunning != true)
            {
                model.Dispose();
                merger?.Dispose();
            }
            throw;
        }
    }

    private static TrainingResult Run(Vocabulary vocabulary, EncodedCorpus corpus, TrainingOptions options,
        WordVectorModel model, Action<TrainingSnapshot>? progress, TimeSpan interval,
        Action<int, WordVectorModel>? epochEnd,
        TrainingControl control, SharedTrainingState shared, long totalWords, ModelMerger? merger)
    {
        using var tables = new TrainingTables(vocabulary, model, options);
        int threads = options.Threads;
        var records = Enumerable.Range(0, threads).Select(_ => new WorkerPosition()).ToArray();
        int epochsDone = 0;
        // Not after a stop: the epoch is unfinished.
        using var barrier = epochEnd != null && options.Iterations > 1
            ? new Barrier(threads, _ => { if (!shared.Stop) epochEnd(++epochsDone, model); }) : null;
        shared.EpochBarrier = barrier;
        if (control.Checkpoint != null && options.Iterations > 1) shared.Gate.WatchEpochEnds(threads);
        var stats = GC.AllocateArray<WorkerStats>(threads, pinned: true);
        var statsPointer = (WorkerStats*)Unsafe.AsPointer(ref stats[0]);
        var monitor = new TrainingMonitor(options, model, shared, control, records, statsPointer, corpus.TokenCount,
            totalWords);
        shared.EpochMeter = new EpochMeter(threads, options.Iterations, monitor.Clock, control.Resume?.Workers);

        var body = StrategyTypes.Invoke<WorkerFactory, Action<int>>(options.Kernels, new WorkerFactory(model, options,
            tables, shared, totalWords, corpus, statsPointer, control.Resume?.Workers, records));
        merger?.Start(); // (first: it keeps the starting values as its base)
        var workers = new WorkerThreads(threads, body, shared, options.Pin);
        workers.Start();
        try
        {
            // (In an MPI job, training ends when the last merging round has ended, after every rank's workers.)
            monitor.Watch(workers, wait => merger?.Join(wait) != false, progress, interval);
        }
        finally
        {
            // Whatever happens here (a throwing progress callback), no worker may outlive the pinned
            // arrays and native tables it is using.
            workers.StopAll(shared);
        }
        Finish(workers, merger, monitor, model, control);
        var final = monitor.Snapshot();
        progress?.Invoke(final with { Fraction = 1 });
        return Result(stats, monitor, shared, model, control, merger);
    }

    /// <summary>Turns a failed, diverged or stopped run into its exception (a stop writes its checkpoint
    /// first).</summary>
    private static void Finish(WorkerThreads workers, ModelMerger? merger, TrainingMonitor monitor,
        WordVectorModel model,
        TrainingControl control)
    {
        workers.ThrowIfFailed();
        if (merger?.Error is { } merging) throw merging;
        if (merger?.StoppedByAnyRank == true) monitor.Stopped = true;
        string? failure = monitor.Failure;
        if (failure == null && model.HasNonFinite(0, model.Words))
            failure = "Training diverged: the vectors hold NaN or infinite values. Lower -alpha.";
        if (failure != null) throw new FastW2VException(failure);
        if (!monitor.Stopped) return;
        // Every worker left at a sentence boundary with its position recorded.
        try { control.Checkpoint?.Invoke(monitor.State(), model); }
        catch (Exception e) when (e is FastW2VException or IOException or UnauthorizedAccessException)
        {
            // The one checkpoint that must be written: the run ends here, and its work would be lost unseen.
            throw new FastW2VException($"Training stopped, but its checkpoint was not written: {e.Message}");
        }
        throw new OperationCanceledException(control.Stop);
    }

    private static TrainingResult Result(WorkerStats[] stats, TrainingMonitor monitor, SharedTrainingState shared,
        WordVectorModel model, TrainingControl control, ModelMerger? merger)
    {
        double lossSum = 0; long lossCount = 0;
        foreach (var s in stats) { lossSum += s.LossSum; lossCount += s.LossCount; }
        long words = stats.Sum(s => s.Words) - monitor.StartWords; // this run's own
        if (control.Distributed is { } job) // the job's figures, on every rank
        {
            Span<double> totals = [words, lossSum, lossCount];
            job.Ranks.AllreduceSum(totals);
            (words, lossSum, lossCount) = ((long)totals[0], totals[1], (long)totals[2]);
        }
        return new TrainingResult
        {
            Model = model,
            Elapsed = monitor.Clock.Elapsed,
            Words = words,
            Threads = stats.Length,
            LossHistory = monitor.History,
            PerEpoch = shared.EpochMeter!.Completed(),
            AverageLoss = lossCount > 0 ? lossSum / lossCount : double.NaN,
            Ranks = control.Distributed?.Ranks.Size ?? 1,
            Sync = merger?.Figures,
        };
    }

    /// <summary>Builds the per-thread body for the chosen strategy's types (one generic instantiation per
    /// strategy).</summary>
    private readonly struct WorkerFactory(WordVectorModel model, TrainingOptions options, TrainingTables tables,
        SharedTrainingState shared, long totalWords, EncodedCorpus corpus, WorkerStats* stats,
        WorkerPosition[]? starts, WorkerPosition[] records)
        : IStrategyAction<Action<int>>
    {
        public Action<int> Invoke<TKernels, TUpdate>() where TKernels : struct, IVectorKernels where TUpdate : struct,
            IUpdateKernels
        {
            var worker = new TrainingWorker<TKernels, TUpdate>(model, options, tables.Heads, tables.Keep, shared,
                totalWords);
            int threads = options.Threads;
            var corpusRef = corpus;
            var poolRef = tables.Scratch;
            WorkerStats* statsRef = stats;
            var startsRef = starts;
            var recordsRef = records;
            return t =>
            {
                long tokens = corpusRef.TokenCount;
                var segments = corpusRef.Segments(tokens * t / threads, tokens * (t + 1) / threads);
                var scratch = poolRef.Get();
                try { worker.Run(t, segments, scratch, ref statsRef[t], startsRef?[t], recordsRef[t]); }
                finally { poolRef.Return(scratch); }
            };
        }
    }
}
