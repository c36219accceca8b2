using System.Text.Json;
using FastW2V.Training;

namespace FastW2V.Cli;

/// <summary>
/// <c>--progress json</c>: stderr holds JSON objects and nothing else, one per line (schema in docs/json.md),
/// so that a pipeline parses every line it reads. Progress every second: {"progress": fraction, "epoch",
/// "epochs", "words", "elapsedSeconds", "etaSeconds", "wordsPerSecond", "wordsPerSecondPerThread": [...],
/// "alpha", "loss"}; notes (checkpoints) as {"note": "..."}; the lines people read as {"log": "..."},
/// {"warning": "..."}, {"stopped": "..."} and {"error": "..."}; the end of the run as {"summary": {...}}.
/// </summary>
internal sealed class JsonProgress(TextWriter error) : IProgressSink
{
    private static readonly System.Text.Encodings.Web.JavaScriptEncoder Relaxed =
        System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    public TimeSpan Interval => TimeSpan.FromSeconds(1);

    public void Show(TrainingSnapshot s) => Line(w =>
    {
        w.WriteNumber("progress", Math.Round(s.Fraction, 6));
        w.WriteNumber("epoch", s.Epoch);
        w.WriteNumber("epochs", s.EpochCount);
        w.WriteNumber("words", s.Words);
        w.WriteNumber("elapsedSeconds", Math.Round(s.Elapsed.TotalSeconds, 3));
        if (s.Eta is { } eta) w.WriteNumber("etaSeconds", Math.Round(eta.TotalSeconds, 1));
        else w.WriteNull("etaSeconds");
        w.WriteNumber("wordsPerSecond", Math.Round(s.WordsPerSecond));
        w.WriteStartArray("wordsPerSecondPerThread");
        foreach (double t in s.ThreadWordsPerSecond) w.WriteNumberValue(Math.Round(t));
        w.WriteEndArray();
        w.WriteNumber("alpha", s.Alpha);
        if (double.IsFinite(s.IntervalLoss)) w.WriteNumber("loss", Math.Round(s.IntervalLoss, 6));
        else w.WriteNull("loss");
    });

    public void Note(string line) => Text("note", line);

    public void Finish() { }

    /// <summary>One line for people, as {"<paramref name="key"/>": "line"}.</summary>
    public void Text(string key, string line) => Line(w => w.WriteString(key, line));

    /// <summary>The whole run, as train --json's object, under "summary" (and the rank in an MPI job's log).</summary>
    public void Summary(TrainingReport report, int? rank) => Line(w =>
    {
        if (rank is { } r) w.WriteNumber("rank", r);
        w.WritePropertyName("summary");
        TrainReport.Write(w, report);
    });

    /// <summary>A writer whose every line becomes {"<paramref name="key"/>": "line"}: for code that writes
    /// lines to a TextWriter (the error report).</summary>
    public TextWriter Writer(string key) => new JsonLineWriter(line => Text(key, Unprefixed(line)));

    /// <summary>The error report's "fw2v: error: " says what the key already says.</summary>
    private static string Unprefixed(string line) =>
        line.StartsWith(ErrorPrefix, StringComparison.Ordinal) ? line[ErrorPrefix.Length..] : line;

    private const string ErrorPrefix = "fw2v: error: ";

    private void Line(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        // Relaxed escaping: the lines stay readable ("→", quotes) and are still valid JSON.
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = Relaxed }))
        {
            w.WriteStartObject();
            write(w);
            w.WriteEndObject();
        }
        try { error.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray())); }
        catch (IOException) { } // a closed stderr (SIGHUP) must not stop the run
    }
}
