using System.Text.Json;
using FastW2V.Evaluation;
using FastW2V.Training;

namespace FastW2V.Cli;

/// <summary>
/// <c>train --json</c>: the whole run as one JSON object on stdout, written at the end (schema in the
/// README): options, input, vocabulary, per-epoch loss and time, speed, peak memory, outputs and evaluations.
/// </summary>
internal static class TrainReport
{
    public static void Write(Utf8JsonWriter w, TrainingReport report)
    {
        var (o, v, p, r) = (report.Job.Training, report.Job.Vocabulary, report.Corpus, report.Result!);
        w.WriteStartObject();
        w.WriteStartObject("options");
        w.WriteString("architecture", o.Architecture == Architecture.Cbow ? "cbow" : "skip-gram");
        w.WriteString("loss",
            o.FullSoftmax ? "softmax"
            : o.HierarchicalSoftmax && o.Negative > 0 ? "hs+ns"
            : o.HierarchicalSoftmax ? "hs"
            : "ns");
        w.WriteNumber("size", o.Dimension);
        w.WriteNumber("window", o.Window);
        w.WriteNumber("negative", o.Negative);
        w.WriteNumber("sample", o.Sample);
        w.WriteNumber("iter", o.Iterations);
        w.WriteNumber("alpha", o.StartingAlpha);
        w.WriteNumber("minCount", v.MinCount);
        w.WriteNumber("threads", o.Threads);
        w.WriteNumber("seed", o.Seed);
        w.WriteString("kernels", o.Kernels.Name);
        w.WriteEndObject();
        w.WriteStartObject("input");
        w.WriteString("path", p.Name);
        w.WriteNumber("bytes", p.InputBytes);
        w.WriteNumber("tokens", p.CorpusTokens);
        w.WriteEndObject();
        w.WriteStartObject("vocabulary");
        w.WriteNumber("words", p.VocabularyWords);
        w.WriteNumber("trainingTokens", p.TrainingTokens);
        w.WriteNumber("countSeconds", Math.Round(p.CountTime.TotalSeconds, 3));
        w.WriteEndObject();
        w.WriteStartArray("epochs");
        foreach (var e in r.PerEpoch)
        {
            w.WriteStartObject();
            w.WriteNumber("epoch", e.Epoch);
            if (double.IsFinite(e.Loss)) w.WriteNumber("loss", Math.Round(e.Loss, 6)); else w.WriteNull("loss");
            w.WriteNumber("seconds", Math.Round(e.Time.TotalSeconds, 3));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (double.IsFinite(r.AverageLoss)) w.WriteNumber("averageLoss", Math.Round(r.AverageLoss, 6));
        else w.WriteNull("averageLoss");
        w.WriteNumber("trainingSeconds", Math.Round(r.Elapsed.TotalSeconds, 3));
        w.WriteNumber("wallSeconds", Math.Round(report.Wall.TotalSeconds, 3));
        w.WriteNumber("wordsPerSecond", Math.Round(r.WordsPerSecond));
        w.WriteNumber("wordsPerSecondPerThread", Math.Round(r.WordsPerSecond / r.Threads));
        w.WriteNumber("peakMemoryMB", Math.Round(PeakMemory.Megabytes()));
        w.WriteStartArray("outputs");
        foreach (var file in report.Outputs)
        {
            w.WriteStartObject();
            w.WriteString("path", file.Path);
            w.WriteString("kind", file.Kind);
            w.WriteString("format", file.Format);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("evaluations");
        foreach (var e in report.Evaluations)
        {
            w.WriteStartObject();
            w.WriteString("when", e.When);
            if (e.Analogy != null) { w.WritePropertyName("analogy"); EvaluationOutput.AnalogyJson(w, e.Analogy); }
            if (e.Similarity != null)
            {
                w.WritePropertyName("similarity");
                EvaluationOutput.SimilarityJson(w, e.Similarity);
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
