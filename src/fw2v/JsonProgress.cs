using System.Text.Json;
using FastW2V.Training;

namespace FastW2V.Cli;

/// <summary>
/// How training reports progress: <see cref="ProgressDisplay"/> for people, <see cref="JsonProgress"/> for pipelines.
/// </summary>
internal interface IProgressSink
{
    TimeSpan Interval { get; }
    void Show(TrainingSnapshot snapshot);
    void Note(string line);
    void Finish();
}

/// <summary>
/// <c>--progress json</c>: one JSON object per line on stderr every second (see the README's schema):
/// {"progress": fraction, "epoch", "epochs", "words", "elapsedSeconds", "etaSeconds", "wordsPerSecond",
/// "wordsPerSecondPerThread": [...], "alpha", "loss"}; notes (checkpoints) as {"note": "..."}.
/// </summary>
internal sealed class JsonProgress(TextWriter error) : IProgressSink
{
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

    public void Note(string line) => Line(w => w.WriteString("note", line));

    public void Finish() { }

    private void Line(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            write(w);
            w.WriteEndObject();
        }
        try { error.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray())); }
        catch (IOException) { } // a closed stderr (SIGHUP) must not stop the run
    }
}
