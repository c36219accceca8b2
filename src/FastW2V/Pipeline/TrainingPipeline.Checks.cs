using FastW2V.Corpus;
using FastW2V.Distributed;
using FastW2V.Evaluation;
using FastW2V.Formats;

namespace FastW2V;

/// <summary>The checks made before any work, so that a typo fails in a second rather than after training.</summary>
internal sealed partial class TrainingPipeline
{
    private Action<string>? _log;

    private void CheckJob(bool countOnly = false)
    {
        var job = _job;
        if (job.Classes < 0)
            throw new FastW2VException($"-classes must be 0 (vectors) or a number of classes (got {job.Classes}).");
        job.Training.Validate();
        job.Vocabulary.Validate();
        if (countOnly)
        {
            CheckCount(job);
            return;
        }
        if (job.Output == null && job.SaveVocabulary == null && !_inMemory)
            throw new FastW2VException("Nothing to do: give --output FILE (and/or --save-vocab FILE).");
        var outputs = Outputs(job);
        var notes = new List<string>();
        var files = ExpandInputs(job, notes, outputs);
        OutputPaths.CheckDistinct(outputs, [.. files.Select(i => ((string?)i, "training file")),
            (job.ReadVocabulary, "vocabulary file to read"), (job.InitialVectors, "initial vectors file")]);
        // Standard input holds one of them at most: the text, a vocabulary, initial vectors or evaluation files.
        StandardStreams.CheckOneInput([.. files.Select(f => ((string?)f, "training text")),
            (job.ReadVocabulary, "vocabulary file"), (job.InitialVectors, "initial vectors"),
            (job.AnalogyQuestions, "analogy questions"),
            .. job.SimilarityPairs.Select(p => ((string?)p, "word pairs"))]);
        ReadEvaluationFiles(job);
        StartDistributed(job);
        if (Reporting)
            foreach (var (path, what) in outputs)
                if (path != null) AtomicFile.CheckWritable(path, what);
        foreach (string note in notes) _log?.Invoke(note);
        _corpus = Corpus(files, "Give the training text: -train FILE (or --resume CHECKPOINT).");
        CheckLongRun(job);
        if (job.Output != null && !job.Force) CacheEstimate.Check(_corpus.Sources, job.CacheFolder);
        if (job.InitialVectors == null || job.Resume != null) return;
        _initial = VectorFileReader.Read(job.InitialVectors);
        if (_initial.Dimension != job.Training.Dimension)
            throw new FastW2VException($"The initial vectors have {_initial.Dimension} dimensions, the model "
                + $"{job.Training.Dimension}: give the same -size.");
    }

    private void CheckCount(TrainingJob job)
    {
        _log = _events.Log;
        var files = ExpandInputs(job, null, [(job.SaveVocabulary, "vocabulary file")]);
        OutputPaths.CheckDistinct([(job.SaveVocabulary, "vocabulary file")], files.Select(i => ((string?)i,
            "training file")));
        if (job.SaveVocabulary != null) AtomicFile.CheckWritable(job.SaveVocabulary, "vocabulary file");
        _corpus = Corpus(files, "Give the text to count: -train FILE.");
    }

    /// <summary>
    /// The files the job's inputs name (folders and patterns expanded; what a folder holds besides files is
    /// told to <paramref name="notes"/>, or the log). An output inside an input folder is refused: the next
    /// run over that folder would train on it.
    /// </summary>
    private IReadOnlyList<string> ExpandInputs(TrainingJob job, List<string>? notes,
        IEnumerable<(string? Path, string What)> outputs)
    {
        var files = CorpusInputs.Expand(job.Inputs, notes != null ? notes.Add : _log);
        foreach (string folder in job.Inputs.Where(Directory.Exists).Select(Path.GetFullPath))
            foreach (var (path, what) in outputs)
                if (path != null && path != AtomicFile.StandardOutput
                    && Path.GetDirectoryName(Path.GetFullPath(path)) == folder.TrimEnd('/'))
                    throw new FastW2VException($"The {what} '{path}' is inside the input folder '{folder}': a later "
                        + "run over that folder would train on it; write it elsewhere.");
        return files;
    }

    /// <summary>The corpus of these files, each checked.</summary>
    private static CorpusSet Corpus(IReadOnlyList<string> files, string missing)
    {
        if (files.Count == 0) throw new FastW2VException(missing);
        return new CorpusSet(files);
    }

    private static (string? Path, string What)[] Outputs(TrainingJob job) =>
    [
        (job.Output, "output file"), (job.SaveVocabulary, "vocabulary file"), (job.OutputVectors,
            "output-vectors file"),
        (job.Checkpoint, "checkpoint file"),
    ];

    private void ReadEvaluationFiles(TrainingJob job)
    {
        _questions = job.AnalogyQuestions != null ? AnalogyQuestions.Read(job.AnalogyQuestions) : null;
        _pairFiles = SimilarityPairs.Expand(job.SimilarityPairs).Select(SimilarityPairs.Read).ToList();
        if (job.EvaluateEveryEpoch && !Evaluates)
            throw new FastW2VException("--eval-every-epoch needs --eval-analogy FILE and/or --eval-similarity FILE.");
        if (Evaluates && job.Output == null && !_inMemory)
            throw new FastW2VException("--eval-analogy and --eval-similarity evaluate trained vectors: give --output "
                + "FILE.");
        if (Evaluates && job.Output == AtomicFile.StandardOutput)
            throw new FastW2VException("--output - writes the vectors to standard output: the evaluations would be "
                + "mixed in; give the vectors a file.");
    }

    /// <summary>
    /// Joins the MPI job when asked for (a job of one, started without mpirun, included). A process that
    /// mpirun started as one of several ranks without being asked is refused: every rank would train the
    /// whole corpus and write the same files.
    /// </summary>
    private void StartDistributed(TrainingJob job)
    {
        if (job.Distributed is not { } options)
        {
            // (A program that embeds the library trains in memory: how it was started is its own business.)
            int launched = _inMemory ? 0 : MpiLibrary.LaunchedRanks();
            if (launched > 1)
                throw new FastW2VException($"Started by mpirun as one of {launched} ranks without --mpi: each would "
                    + "train the whole corpus and write the same files; add --mpi.");
            _log = _events.Log;
            return;
        }
        var trigger = SyncTrigger.Parse(options.SyncEvery);
        if (job.Checkpoint != null || job.Resume != null)
            throw new FastW2VException("--mpi cannot be combined with --checkpoint or --resume yet.");
        if (job.EvaluateEveryEpoch) throw new FastW2VException("--mpi cannot be combined with --eval-every-epoch yet.");
        _session = MpiSession.Start();
        if (_session.Size > 1)
            _distributed = new DistributedTraining(_session, trigger,
                options.FullSchedule ? SyncSchedule.Full : SyncSchedule.Banded);
        // Rank 0 writes every output and prints; the other ranks print nothing but errors (unless RankLog).
        _log = _distributed == null ? _events.Log
            : options.RankLog && _events.Log is { } log ? line => log($"[rank {_distributed.Ranks.Rank}] {line}")
            : Reporting ? _events.Log : null;
        if (_distributed is { } d)
            _log?.Invoke($"MPI:        rank {d.Ranks.Rank} of {d.Ranks.Size} ({_session.LibraryPath}); "
                + $"merging every {d.Trigger}, {d.Schedule.Name} schedule");
    }

    private void CheckLongRun(TrainingJob job)
    {
        if (!(job.CheckpointEvery > TimeSpan.Zero))
            throw new FastW2VException($"--checkpoint-every must be a positive number of minutes (got "
                + $"{job.CheckpointEvery.TotalMinutes}).");
        if (job.Checkpoint != null)
        {
            CheckpointIdentity.CheckTarget(job.Checkpoint);
            if (_corpus.HasStream)
                throw new FastW2VException("--checkpoint needs a corpus file: standard input or a pipe cannot be read "
                    + "again to resume.");
            if (job.EvaluateEveryEpoch) throw new FastW2VException("--checkpoint and --eval-every-epoch cannot be "
                + "combined.");
        }
        if (job.Resume != null) CheckpointIdentity.CheckSameCorpus(job.Resume.File, _corpus.ResolvedPaths);
    }
}
