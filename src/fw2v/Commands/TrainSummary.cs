using FastW2V.Training;

namespace FastW2V.Cli.Commands;

/// <summary>
/// What <c>fw2v train</c> prints about a run: the end-of-run summary, evaluations, and why it stopped.
/// </summary>
internal static class TrainSummary
{
    /// <param name="perEpoch">Also the loss and time of every epoch (-debug 3).</param>
    public static void Write(Action<string> log, TrainingReport report, bool perEpoch)
    {
        var r = report.Result!;
        var o = report.Job.Training;
        int threads = r.Threads * r.Ranks; // (in an MPI job: the words and loss of every rank)
        log($"Training:   {r.Words:N0} words ({o.Iterations} epoch(s)) in {r.Elapsed.TotalSeconds:F2} s: "
            + $"{r.WordsPerSecond:N0} words/s, {r.WordsPerSecond / threads:N0} per thread");
        if (r.Sync is { } sync)
            log($"Merging:    {r.Ranks} ranks × {r.Threads} thread(s); {sync.Rounds:N0} rounds, "
                + $"{sync.PayloadBytes / 1e6:N1} MB merged per rank, "
                + $"{sync.Busy.TotalSeconds:F2} s on the merging thread");
        log($"Loss:       {Loss(r)} per example");
        if (perEpoch)
            foreach (var e in r.PerEpoch)
                log($"Epoch {e.Epoch,-5} loss {e.Loss:F4}, {e.Time.TotalSeconds:F1} s");
        log($"Writing:    {report.WriteTime.TotalSeconds:F2} s");
        long raw = report.Corpus.CorpusTokens > 0 ? report.Corpus.CorpusTokens : report.Corpus.EncodedTokens;
        log($"Whole run:  {report.Wall.TotalSeconds:F2} s wall, "
            + $"{raw * o.Iterations / report.Wall.TotalSeconds / threads:N0} "
            + $"raw words/s/thread, peak memory {PeakMemory.Megabytes():N0} MB{(r.Ranks > 1 ? " (this rank)" : "")}");
    }

    /// <summary>First → last epoch and the best, in one line whatever the number of epochs.</summary>
    private static string Loss(TrainingResult r)
    {
        var epochs = r.PerEpoch.Where(e => double.IsFinite(e.Loss)).ToList();
        if (epochs.Count < 2) return $"{r.AverageLoss:F4}";
        var best = epochs.MinBy(e => e.Loss)!;
        return $"{epochs[0].Loss:F4} → {epochs[^1].Loss:F4} (best {best.Loss:F4}, epoch {best.Epoch}); "
            + $"average {r.AverageLoss:F4}";
    }

    /// <summary>An evaluation, as text on standard output.</summary>
    public static void Evaluation(TextWriter output, TrainingEvaluation e)
    {
        if (e.Analogy is { } r)
            output.WriteLine($"{e.When}: analogy {r.Overall.Accuracy:P2} (semantic {r.Semantic.Accuracy:P2}, syntactic "
                + $"{r.Syntactic.Accuracy:P2}; {r.Overall.Seen} of {r.Overall.Total} questions seen)");
        if (e.Similarity == null) return;
        output.WriteLine($"{e.When}: word similarity");
        EvaluationOutput.SimilarityText(output, e.Similarity);
    }

    /// <summary>One line: what stopped the run and what was kept.</summary>
    public static string Stopped(TrainingStoppedException e)
    {
        if (e.AfterTraining) return $"fw2v: stopped by {Interruption.SignalName} as training ended; nothing written.";
        string by = Interruption.Signal != 0 ? $"by {Interruption.SignalName}" : "because another rank was stopped";
        return $"fw2v: stopped {by}" + (e.Checkpoint != null
            ? $"; checkpoint written to {e.Checkpoint} (continue with: fw2v train --resume {e.Checkpoint})."
            : "; nothing saved (--checkpoint FILE keeps a stopped run).");
    }
}
