using System.Diagnostics;
using FastW2V.Corpus;
using FastW2V.Distributed;
using FastW2V.Evaluation;
using FastW2V.Formats;
using FastW2V.Preparation;
using FastW2V.Training;

namespace FastW2V;

/// <summary>
/// One training run, step by step: check the job, prepare the corpus, initialise, train, evaluate, write,
/// report. <see cref="TrainingRun"/> is its public face; each step is one method here or in the partial
/// files beside this one (checks, training, outputs).
/// </summary>
internal sealed partial class TrainingPipeline : IDisposable
{
    private readonly TrainingJob _job;
    private readonly TrainingEvents _events;
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private readonly bool _inMemory;
    private MpiSession? _session;
    private DistributedTraining? _distributed;
    private CorpusSet _corpus = null!;
    private AnalogyQuestions? _questions;
    private List<SimilarityPairs> _pairFiles = [];
    private WordVectors? _initial;
    private PreparedCorpus? _prepared;
    private readonly List<TrainingEvaluation> _evaluations = [];

    /// <param name="inMemory">Return the vectors instead of writing them (no output file needed).</param>
    public TrainingPipeline(TrainingJob job, TrainingEvents events, bool inMemory = false)
    {
        _job = job;
        _events = events;
        _inMemory = inMemory;
    }

    /// <summary>Rank 0 of an MPI job, or a process alone: it writes and reports.</summary>
    private bool Reporting => _distributed == null || _distributed.Ranks.Rank == 0;
    private bool Evaluates => _questions != null || _pairFiles.Count > 0;

    /// <summary>Runs the whole job; the vectors come back only in memory mode.</summary>
    public (TrainingReport Report, WordVectors? Vectors) Run()
    {
        CheckJob();
        var job = _job;
        var summary = Prepare(job);
        if (job.Output == null && !_inMemory) return (Report(job, summary, null, [], TimeSpan.Zero), null);
        var result = Train(job);
        using var model = result.Model;
        if (!Reporting) return (Report(job, summary, result, [], TimeSpan.Zero), null);
        if (Evaluates) Evaluate(job.Training.Iterations > 1 && job.EvaluateEveryEpoch
            ? $"Epoch {job.Training.Iterations}" : "Final", model);
        if (_inMemory) return (Report(job, summary, result, [], TimeSpan.Zero), InMemoryVectors(model));
        var writeClock = Stopwatch.StartNew();
        var outputs = Write(job, model);
        return (Report(job, summary, result, outputs, writeClock.Elapsed), null);
    }

    /// <summary>The counting job alone: the vocabulary (saved when asked for) and what counting took.</summary>
    public CorpusSummary Count(bool encode)
    {
        CheckJob(countOnly: true);
        return Summary(PrepareCorpus(_job, encode));
    }

    private TrainingReport Report(TrainingJob job, CorpusSummary corpus, TrainingResult? result,
        IReadOnlyList<OutputFile> outputs, TimeSpan write)
    {
        var report = new TrainingReport
        {
            Job = job, Corpus = corpus, Result = result, Evaluations = [.. _evaluations], Outputs = outputs,
            WriteTime = write, Wall = _wall.Elapsed, Reporting = Reporting, Rank = _distributed?.Ranks.Rank ?? 0,
        };
        // An MPI job's ranks all finish MPI on success; on a failure the caller aborts the job instead
        // (finishing would wait for ranks that may never get there).
        FinishMpi();
        return report;
    }

    /// <summary>This rank is done with MPI (finalised once; a failure leaves it for the caller's abort).</summary>
    private void FinishMpi()
    {
        _session?.Dispose();
        _session = null;
    }

    private void Warn(string line) => (_events.Warning ?? _events.Log)?.Invoke(line);

    public void Dispose()
    {
        _prepared?.Dispose();
        _initial?.Dispose();
    }
}
