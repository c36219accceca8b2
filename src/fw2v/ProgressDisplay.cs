using FastW2V.Training;

namespace FastW2V.Cli;

/// <summary>
/// Training progress on stderr: on a terminal, one line redrawn in place (bar, percent, words/s total
/// and per thread, learning rate, loss, ETA); when redirected, a plain log line every five seconds.
/// </summary>
internal sealed class ProgressDisplay(TextWriter error)
{
    private readonly bool _terminal = !Console.IsErrorRedirected && ReferenceEquals(error, Console.Error);
    private bool _drawn;

    public TimeSpan Interval => _terminal ? TimeSpan.FromMilliseconds(500) : TimeSpan.FromSeconds(5);

    public void Show(TrainingSnapshot s)
    {
        string perThread = string.Join(" ", s.ThreadWordsPerSecond.Select(w => $"{w / 1e3:F0}k"));
        string eta = s.Eta is { } e ? $"ETA {e:mm\\:ss}" : "";
        string loss = double.IsNaN(s.IntervalLoss) ? "-" : s.IntervalLoss.ToString("F4");
        string text = $"{s.Fraction,6:P1}  {s.WordsPerSecond / 1e3,8:N0}k words/s  [{perThread}]  lr {s.Alpha:F6}  loss {loss}  {eta}";
        if (_terminal)
        {
            int filled = (int)(s.Fraction * 24);
            error.Write($"\r[{new string('#', filled)}{new string('.', 24 - filled)}] {text}   ");
            _drawn = true;
        }
        else
        {
            error.WriteLine($"progress: {text}");
        }
    }

    public void Finish()
    {
        if (_drawn) error.WriteLine();
    }
}
