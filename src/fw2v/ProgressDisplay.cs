using FastW2V.Training;

namespace FastW2V.Cli;

/// <summary>
/// Training progress on stderr. On a terminal: one line redrawn in place and fitted to the terminal's
/// width (the least useful fields go first: per-thread rates, loss, learning rate, then the bar
/// shrinks), cleared to the end so nothing of a longer line is left. Redirected: a timestamped log
/// line every five seconds. The ETA (h:mm:ss) is computed from the progress made since this process
/// started, so a resumed run does not count the earlier run's words as its own.
/// </summary>
internal sealed class ProgressDisplay(TextWriter error) : IProgressSink
{
    private readonly bool _terminal = !Console.IsErrorRedirected && ReferenceEquals(error, Console.Error);
    private bool _drawn;
    private (double Fraction, TimeSpan Elapsed)? _start;

    public TimeSpan Interval => _terminal ? TimeSpan.FromMilliseconds(500) : TimeSpan.FromSeconds(5);

    public void Show(TrainingSnapshot s)
    {
        _start ??= (s.Fraction, TimeSpan.Zero);
        string eta = Eta(s) is { } e ? $"ETA {Clock(e)}" : "";
        string loss = double.IsNaN(s.IntervalLoss) ? "-" : s.IntervalLoss.ToString("F4");
        string epoch = $"epoch {s.Epoch}/{s.EpochCount}";
        string perThread = "[" + string.Join(" ", s.ThreadWordsPerSecond.Select(w => $"{w / 1e3:F0}k")) + "]";
        // Fields from most to least useful; a narrow terminal drops from the end of this list.
        string[] fields =
        [
            $"{s.Fraction,6:P1}", epoch, eta, $"{s.WordsPerSecond / 1e3:N0}k words/s", $"lr {s.Alpha:F6}",
            $"loss {loss}", perThread,
        ];
        // A closed terminal (after SIGHUP) must not stop the run from writing its checkpoint.
        Try(() =>
        {
            if (_terminal) Draw(s.Fraction, fields);
            else
                error.WriteLine(
                    $"{DateTime.Now:yyyy-MM-dd HH:mm:ss} progress: "
                    + $"{string.Join("  ", fields.Where(f => f.Length > 0))}");
        });
    }

    /// <summary>Time left at the rate of this process's own progress.</summary>
    private TimeSpan? Eta(TrainingSnapshot s)
    {
        var (f0, t0) = _start!.Value;
        double done = s.Fraction - f0;
        if (done <= 0 || s.Fraction >= 1) return null;
        return (s.Elapsed - t0) * ((1 - s.Fraction) / done);
    }

    internal static string Clock(TimeSpan t) => $"{(int)t.TotalHours}:{t.Minutes:D2}:{t.Seconds:D2}";

    private void Draw(double fraction, string[] fields)
    {
        error.Write($"\r{FitLine(fraction, fields, TerminalWidth())}\x1b[K");
        _drawn = true;
    }

    /// <summary>The progress line for a terminal of this width: never longer than width − 1 (some
    /// terminals wrap at the last column), dropping fields from the end, then shrinking the bar.</summary>
    internal static string FitLine(double fraction, IReadOnlyList<string> fields, int width)
    {
        width--;
        var shown = fields.Where(f => f.Length > 0).ToList();
        string text = string.Join("  ", shown);
        while (shown.Count > 2 && text.Length + 2 + 12 > width)
        {
            shown.RemoveAt(shown.Count - 1);
            text = string.Join("  ", shown);
        }
        int bar = Math.Clamp(width - text.Length - 3, 0, 24);
        int filled = (int)(Math.Clamp(fraction, 0, 1) * bar);
        string line = bar >= 4 ? $"[{new string('#', filled)}{new string('.', bar - filled)}] {text}" : text;
        return line.Length > width ? line[..Math.Max(0, width)] : line;
    }

    private static int TerminalWidth()
    {
        try { return Console.WindowWidth > 0 ? Console.WindowWidth : 80; }
        catch (IOException) { return 80; }
    }

    /// <summary>A line of its own while the progress line is drawn (a checkpoint written).</summary>
    public void Note(string line)
    {
        Try(() =>
        {
            if (_drawn) { error.Write("\r\x1b[K"); _drawn = false; }
            error.WriteLine(_terminal ? line : $"{DateTime.Now:yyyy-MM-dd HH:mm:ss} {line}");
        });
    }

    private static void Try(Action write)
    {
        try { write(); }
        catch (IOException) { }
    }

    public void Finish()
    {
        if (_drawn) Try(() => error.WriteLine());
        _drawn = false;
    }
}
