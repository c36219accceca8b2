using FastW2V.Kernels.Update;
using FastW2V.Training.Losses;
using FastW2V.Vocabularies;
using System.Diagnostics;
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
        Action<TrainingSnapshot>? progress = null, TimeSpan? interval = null, Action<int, WordVectorModel>? epochEnd = null,
        TrainingControl? control = null)
    {
        options.Validate();
        control ??= new TrainingControl();
        if (control.Checkpoint != null && epochEnd != null)
            throw new FastW2VException("Checkpoints and evaluation after every epoch cannot be combined (both stop the workers).");
        if (control.Resume is { } resume && resume.Workers.Length != options.Threads)
            throw new FastW2VException($"The checkpoint was written by {resume.Workers.Length} thread(s), not {options.Threads}.");
        if (vocabulary.Count <= 2) // </s> and one word: every pair is that word with itself
            throw new FastW2VException("The vocabulary has a single word: there is nothing to learn from.");
        long tokens = corpus.TokenCount;
        if (tokens <= options.Window)
            throw new FastW2VException($"The corpus has {tokens} word(s) in the vocabulary, not more than the window ({options.Window}): too little to train on.");

        var job = control.Distributed;
        if (job != null && (control.Checkpoint != null || control.Resume != null || epochEnd != null))
            throw new FastW2VException("--mpi training cannot be combined with checkpoints or evaluation after every epoch yet.");
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
        var shared = new SharedTrainingState { WordsDone = control.Resume?.WordsDone ?? 0, FirstWorker = (job?.Ranks.Rank ?? 0) * options.Threads };
        var merger = job != null ? new ModelMerger(job, model, shared, options.Threads, () => control.Stop.IsCancellationRequested) : null;
        try
        {
            control.Initialize?.Invoke(model);
            var result = Run(vocabulary, corpus, options, model, progress, interval ?? TimeSpan.FromSeconds(1), epochEnd, control,
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
        WordVectorModel model, Action<TrainingSnapshot>? progress, TimeSpan interval, Action<int, WordVectorModel>? epochEnd,
        TrainingControl control, SharedTrainingState shared, long totalWords, ModelMerger? merger)
    {
        long[] counts = vocabulary.GetCounts();
        using var sigmoid = new SigmoidTable();
        bool negatives = options.Negative > 0;
        using var alias = negatives && options.Sampler == NegativeSamplerKind.Alias ? new AliasTable(counts) : null;
        using var table = negatives && options.Sampler == NegativeSamplerKind.Table ? new UnigramTable(counts) : null;
        var keep = new SubsamplingTable(vocabulary, options.Sample).Thresholds.ToArray();
        var ns = new NegativeSamplingStep(model, options.Negative, sigmoid, alias, table);
        var tree = options.HierarchicalSoftmax ? new Losses.HuffmanTree(counts) : null;
        var heads = new OutputHeads(model, options, ns, tree);
        // The provider makes a disposable pool for IDisposable objects: disposing it frees the buffers.
        var pool = new DefaultObjectPoolProvider { MaximumRetained = options.Threads }
            .Create(new TrainingScratch.Policy(model.Input.Stride, options.Negative,
                options.Architecture == Architecture.SkipGram ? options.Window : 0,
                options.Architecture == Architecture.Cbow && options.Batch ? options.CbowBatch : 0,
                options.FullSoftmax ? model.Words : 0));
        using var poolLifetime = pool as IDisposable;
        int threads = options.Threads;
        var records = Enumerable.Range(0, threads).Select(_ => new WorkerPosition()).ToArray();
        int epochsDone = 0;
        using var barrier = epochEnd != null && options.Iterations > 1
            ? new Barrier(threads, _ => { if (!shared.Stop) epochEnd(++epochsDone, model); }) : null; // not after a stop: the epoch is unfinished
        shared.EpochBarrier = barrier;
        long tokens = corpus.TokenCount;
        var stats = new WorkerStats[threads];
        var errors = new Exception?[threads];
        var clock = Stopwatch.StartNew();
        shared.EpochMeter = new EpochMeter(threads, options.Iterations, clock, control.Resume?.Workers);

        fixed (uint* keepPointer = keep)
        fixed (WorkerStats* statsPointer = stats)
        {
            var body = StrategyTypes.Invoke<WorkerFactory, Action<int>>(options.Kernels,
                new WorkerFactory(model, options, heads, keepPointer, shared, totalWords, corpus, pool, statsPointer, control.Resume?.Workers, records));
            merger?.Start(); // (first: it keeps the starting values as its base)
            var workers = new Thread[threads];
            for (int t = 0; t < threads; t++)
            {
                int index = t;
                workers[t] = new Thread(() =>
                {
                    try
                    {
                        if (options.Pin) ThreadPinning.PinCurrentThread(index);
                        body(index);
                    }
                    catch (Exception e) { errors[index] = e; shared.Stop = true; }
                    // A worker that leaves early (stopped, failed) must not keep the others at the barrier.
                    finally
                    {
                        // Leaving can complete a phase and run the epoch callback here: keep what it throws.
                        try { shared.EpochBarrier?.RemoveParticipant(); }
                        catch (Exception e) when (e is not InvalidOperationException) { errors[index] ??= e; shared.Stop = true; }
                        catch (InvalidOperationException) { }
                        shared.Gate.Leave();
                    }
                }) { IsBackground = true, Name = $"fw2v worker {t}" };
                workers[t].Start();
            }

            var history = new List<double>();
            // A resumed run's counters start at the checkpoint's: rates and the first interval count only this run.
            var resumed = control.Resume?.Workers;
            double lastLoss = resumed?.Sum(w => w.LossSum) ?? 0;
            long lastCount = resumed?.Sum(w => w.LossCount) ?? 0;
            long[] startWords = resumed?.Select(w => w.Words).ToArray() ?? new long[threads];
            TimeSpan next = interval;
            TimeSpan nextCheckpoint = control.CheckpointEvery;
            long epochsCheckpointed = shared.WordsDone / tokens;
            string? failure = null;
            bool stopped = false;
            try
            {
                // (In an MPI job, training ends when the last merging round has ended, after every rank's workers.)
                while (!workers.All(w => w.Join(Math.Clamp((int)interval.TotalMilliseconds, 1, 50))) || merger?.Join(50) == false)
                {
                    if (control.Stop.IsCancellationRequested && !stopped) { stopped = true; shared.Stop = true; }
                    long epochsPassed = Volatile.Read(ref shared.WordsDone) / tokens;
                    if (control.Checkpoint != null && !shared.Stop &&
                        (clock.Elapsed >= nextCheckpoint || (epochsPassed > epochsCheckpointed && epochsPassed < options.Iterations)))
                    {
                        if (shared.Gate.ParkAll(threads, () => shared.Stop || control.Stop.IsCancellationRequested || errors.Any(e => e != null)))
                        {
                            try { control.Checkpoint(State(shared, records), model); }
                            finally { shared.Gate.Release(); }
                        }
                        epochsCheckpointed = epochsPassed;
                        nextCheckpoint = clock.Elapsed + control.CheckpointEvery;
                    }
                    if (clock.Elapsed < next) continue;
                    next = clock.Elapsed + interval;
                    var snapshot = Snapshot(statsPointer, threads, shared, options, totalWords, clock.Elapsed, startWords, ref lastLoss, ref lastCount);
                    if (!double.IsNaN(snapshot.IntervalLoss)) history.Add(snapshot.IntervalLoss);
                    if (!double.IsFinite(lastLoss) || model.HasNonFinite(0, 64))
                    {
                        failure = $"Training diverged at {snapshot.Fraction:P1}: the vectors hold NaN or infinite values. Lower -alpha (now {options.StartingAlpha}).";
                        shared.Stop = true;
                    }
                    if (!shared.Stop) progress?.Invoke(snapshot);
                }
            }
            finally
            {
                // Whatever happens here (a throwing progress callback), no worker may outlive the
                // pinned arrays and native tables it is using.
                if (workers.Any(w => w.IsAlive))
                {
                    shared.Stop = true;
                    foreach (var w in workers) w.Join();
                }
                // The workers read the tree's pinned arrays through raw pointers (OutputHeads): nothing
                // else references the tree, and a collection during training would free them under the workers.
                GC.KeepAlive(tree);
            }
            if (errors.FirstOrDefault(e => e != null) is { } error)
                throw error is BarrierPostPhaseException { InnerException: { } inner } ? inner : error;
            if (merger?.Error is { } merging) throw merging;
            if (merger?.StoppedByAnyRank == true) stopped = true;
            if (failure == null && model.HasNonFinite(0, model.Words))
                failure = "Training diverged: the vectors hold NaN or infinite values. Lower -alpha.";
            if (failure != null) throw new FastW2VException(failure);
            if (stopped)
            {
                // Every worker left at a sentence boundary with its position recorded.
                control.Checkpoint?.Invoke(State(shared, records), model);
                throw new OperationCanceledException(control.Stop);
            }

            var final = Snapshot(statsPointer, threads, shared, options, totalWords, clock.Elapsed, startWords, ref lastLoss, ref lastCount);
            if (!double.IsNaN(final.IntervalLoss)) history.Add(final.IntervalLoss);
            progress?.Invoke(final with { Fraction = 1 });
            double lossSum = 0; long lossCount = 0;
            for (int t = 0; t < threads; t++) { lossSum += stats[t].LossSum; lossCount += stats[t].LossCount; }
            long words = stats.Sum(s => s.Words) - startWords.Sum(); // this run's own
            if (control.Distributed is { } job) // the job's figures, on every rank
            {
                Span<double> totals = [words, lossSum, lossCount];
                job.Ranks.AllreduceSum(totals);
                (words, lossSum, lossCount) = ((long)totals[0], totals[1], (long)totals[2]);
            }
            return new TrainingResult
            {
                Model = model,
                Elapsed = clock.Elapsed,
                Words = words,
                Threads = threads,
                LossHistory = history,
                PerEpoch = shared.EpochMeter.Completed(),
                AverageLoss = lossCount > 0 ? lossSum / lossCount : double.NaN,
                Ranks = control.Distributed?.Ranks.Size ?? 1,
                Sync = merger?.Figures,
            };
        }
    }

    private static TrainingState State(SharedTrainingState shared, WorkerPosition[] records) => new()
    {
        WordsDone = Volatile.Read(ref shared.WordsDone),
        Workers = records.Select(r => r.Clone()).ToArray(),
    };

    private static TrainingSnapshot Snapshot(WorkerStats* stats, int threads, SharedTrainingState shared, TrainingOptions options,
        long totalWords, TimeSpan elapsed, long[] startWords, ref double lastLoss, ref long lastCount)
    {
        // (the other MPI ranks' words as of the last merging round count as done, and as fresh)
        long remote = Volatile.Read(ref shared.RemoteWords);
        long words = remote, fresh = remote; double loss = 0; long count = 0;
        var perThread = new double[threads];
        for (int t = 0; t < threads; t++)
        {
            long w = Volatile.Read(ref stats[t].Words);
            words += w;
            fresh += w - startWords[t];
            perThread[t] = (w - startWords[t]) / Math.Max(1e-9, elapsed.TotalSeconds);
            loss += stats[t].LossSum;
            count += stats[t].LossCount;
        }
        double interval = count > lastCount ? (loss - lastLoss) / (count - lastCount) : double.NaN;
        lastLoss = loss;
        lastCount = count;
        float start = options.StartingAlpha;
        float alpha = Math.Max(start * (1 - Volatile.Read(ref shared.WordsDone) / (float)(totalWords + 1)), start * 1e-4f);
        return new TrainingSnapshot
        {
            Fraction = Math.Min(1, words / (double)totalWords),
            EpochCount = options.Iterations,
            Words = words,
            TotalWords = totalWords,
            Elapsed = elapsed,
            WordsPerSecond = fresh / Math.Max(1e-9, elapsed.TotalSeconds),
            ThreadWordsPerSecond = perThread,
            Alpha = alpha,
            IntervalLoss = interval,
        };
    }

    /// <summary>Builds the per-thread body for the chosen strategy's types (one generic instantiation per strategy).</summary>
    private readonly struct WorkerFactory(WordVectorModel model, TrainingOptions options, OutputHeads heads, uint* keep,
        SharedTrainingState shared, long totalWords, EncodedCorpus corpus, ObjectPool<TrainingScratch> pool, WorkerStats* stats,
        WorkerPosition[]? starts, WorkerPosition[] records)
        : IStrategyAction<Action<int>>
    {
        public Action<int> Invoke<TKernels, TUpdate>() where TKernels : struct, IVectorKernels where TUpdate : struct, IUpdateKernels
        {
            var worker = new TrainingWorker<TKernels, TUpdate>(model, options, heads, keep, shared, totalWords);
            int threads = options.Threads;
            var corpusRef = corpus;
            var poolRef = pool;
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
