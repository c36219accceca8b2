using System.Diagnostics;
using FastW2V.Evaluation;
using FastW2V.Formats;
using FastW2V.Preparation;
using FastW2V.Training;
using FastW2V.Training.Losses;
using FastW2V.Vocabularies;

namespace FastW2V;

/// <summary>Preparing the corpus, training on it, and evaluating the vectors.</summary>
internal sealed partial class TrainingPipeline
{
    private List<byte[]>? _words;

    private CorpusSummary Prepare(TrainingJob job)
    {
        var prepared = PrepareCorpus(job, encode: job.Output != null || _inMemory);
        _log?.Invoke($"Vocabulary: {prepared.Vocabulary.Count:N0} words, {prepared.Vocabulary.TotalCount:N0} training "
            + $"tokens ({prepared.CountTime.TotalSeconds:F2} s counting, {prepared.EncodeTime.TotalSeconds:F2} s "
                + $"encoding)");
        var vocabulary = prepared.Vocabulary;
        var training = job.Training;
        _log?.Invoke($"Kernels:    {training.Kernels.Name} ({training.Kernels.Description}), {training.Threads} "
            + $"thread(s)");
        if (job.Output == null && !_inMemory) return Summary(prepared);
        if (!job.Force && !_inMemory) MemoryEstimate.Check(vocabulary.Count, training, mpi: _distributed != null);
        if (training.FullSoftmax && vocabulary.Count > 10_000 && Reporting)
        {
            long examples = prepared.Encoded!.TokenCount * training.Iterations
                * (training.Architecture == Architecture.SkipGram ? training.Window : 1);
            double seconds = FullSoftmaxCost.EstimateSeconds(vocabulary.Count, training.Dimension, examples,
                training.Threads, training.Kernels);
            Warn($"the full softmax costs O(V) per prediction; with {vocabulary.Count:N0} words this run needs roughly "
                + $"{TimeSpan.FromSeconds(seconds):d\\.hh\\:mm\\:ss} (--loss ns or hs are the fast approximations).");
        }
        return Summary(prepared);
    }

    private PreparedCorpus PrepareCorpus(TrainingJob job, bool encode)
    {
        var given = job.Resume?.File.Vocabulary
            ?? (job.ReadVocabulary != null ? VocabularyFile.Read(job.ReadVocabulary, job.Vocabulary) : null);
        _prepared = CorpusPreparation.Prepare(_corpus, new PreparationOptions
        {
            Threads = job.Training.Threads,
            Vocabulary = job.Vocabulary,
            GivenVocabulary = given,
            Encode = encode,
            CacheFolder = job.CacheFolder,
            KeepCache = job.KeepCache,
            CheckUtf8 = job.CheckUtf8,
            Log = _log,
            Ranks = _distributed?.Ranks,
        });
        var vocabulary = _prepared.Vocabulary;
        if (job.SaveVocabulary != null && Reporting) VocabularyFile.Save(vocabulary, job.SaveVocabulary);
        return _prepared;
    }

    private CorpusSummary Summary(PreparedCorpus p) => new()
    {
        Name = _corpus.DisplayName,
        InputBytes = p.InputBytes,
        CorpusTokens = p.Vocabulary.CorpusTokens,
        DistinctWords = p.Vocabulary.DistinctWords,
        VocabularyWords = p.Vocabulary.Count,
        TrainingTokens = p.Vocabulary.TotalCount,
        EncodedTokens = p.Encoded?.TokenCount ?? 0,
        Shards = p.Shards,
        CountTime = p.CountTime,
        MergeTime = p.MergeTime,
        EncodeTime = p.EncodeTime,
    };

    private TrainingResult Train(TrainingJob job)
    {
        var vocabulary = _prepared!.Vocabulary;
        var encoded = _prepared.Encoded!;
        var header = job.Checkpoint != null
            ? CheckpointIdentity.Header(job.CommandLine, _corpus.ResolvedPaths, vocabulary, encoded.TokenCount) : null;
        if (job.Resume != null) CheckpointIdentity.CheckSameTokens(job.Resume.File, encoded.TokenCount);
        var control = new TrainingControl
        {
            Stop = _events.Stop,
            CheckpointEvery = job.CheckpointEvery,
            Resume = job.Resume?.File.State,
            Checkpoint = header == null ? null : (state, model) => WriteCheckpoint(job.Checkpoint!, header, state,
                model),
            Warning = Warn,
            Distributed = _distributed,
            Initialize = model => Initialize(job, model, vocabulary),
        };
        Action<int, WordVectorModel>? epochEnd = Evaluates && job.EvaluateEveryEpoch
            ? (epoch, model) => Evaluate($"Epoch {epoch}", model) : null;
        var progress = Reporting ? _events.Progress : null;
        var interval = _events.ProgressInterval ?? TimeSpan.FromSeconds(1);
        _events.TrainingPhase?.Invoke(true);
        TrainingResult result;
        try
        {
            result = Trainer.Train(vocabulary, encoded, job.Training, progress, interval, epochEnd, control);
        }
        catch (OperationCanceledException e) when (e is not TrainingStoppedException)
        {
            FinishMpi();
            throw new TrainingStoppedException(job.Checkpoint, afterTraining: false, Reporting, _events.Stop);
        }
        finally { _events.TrainingPhase?.Invoke(false); }
        // A stop that came as training ended: nothing is written (in memory, the vectors are the caller's).
        if (_events.Stop.IsCancellationRequested && _distributed == null && !_inMemory)
        {
            result.Model.Dispose();
            FinishMpi();
            throw new TrainingStoppedException(null, afterTraining: true, Reporting, _events.Stop);
        }
        return result;
    }

    private void Initialize(TrainingJob job, WordVectorModel model, Vocabulary vocabulary)
    {
        if (job.Resume != null) job.Resume.File.LoadModel(model);
        else if (_initial != null)
            _log?.Invoke($"Initial vectors: {model.InitializeFrom(_initial, vocabulary):N0} of {vocabulary.Count:N0} "
                + $"words found in {job.InitialVectors}");
    }

    private void WriteCheckpoint(string path, CheckpointFile header, TrainingState state, WordVectorModel model)
    {
        var clock = Stopwatch.StartNew();
        CheckpointFile.Write(path, header, state, model);
        (_events.Note ?? _log)?.Invoke($"Checkpoint: {path} ({state.WordsDone:N0} words done, "
            + $"written in {clock.Elapsed.TotalSeconds:F1} s)");
    }

    private void Evaluate(string when, WordVectorModel model)
    {
        var vocabulary = _prepared!.Vocabulary;
        _words ??= Enumerable.Range(0, vocabulary.Count).Select(i => vocabulary.GetWordBytes(i).ToArray()).ToList();
        using var view = new WordVectors(_words, model.Input, ownsVectors: false);
        var analogy = _questions != null
            ? AnalogyEvaluator.Evaluate(view, _questions, AnalogyEvaluator.Restrict, _job.Training.Threads) : null;
        var similarity = _pairFiles.Count > 0 ? SimilarityEvaluator.Evaluate(view, _pairFiles) : null;
        var evaluation = new TrainingEvaluation(when, analogy, similarity);
        _evaluations.Add(evaluation);
        _events.Evaluated?.Invoke(evaluation);
    }
}
