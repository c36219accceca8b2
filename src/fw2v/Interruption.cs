using System.Runtime.InteropServices;

namespace FastW2V.Cli;

/// <summary>
/// SIGINT, SIGTERM and SIGHUP end a run cleanly: during training the workers stop at their next
/// sentence, a checkpoint is written when one was asked for, and the command unwinds (its cache folder
/// is deleted on the way); at any other moment (counting, encoding, writing the vectors) the registered
/// temporary paths are deleted at once and the process exits. Either way one line is printed and the
/// exit code is the shell's 128 + signal number: 130, 143, 129. A second signal exits at once.
/// </summary>
internal static class Interruption
{
    private static readonly object Gate = new();
    private static CancellationTokenSource? _training;
    private static int _signal;
    private static TextWriter _error = Console.Error;

    /// <summary>The signal that stopped the run (0 if none).</summary>
    public static int Signal => Volatile.Read(ref _signal);

    public static int ExitCode => 128 + Signal;

    public static string SignalName =>
        Signal switch { 2 => "SIGINT", 15 => "SIGTERM", 1 => "SIGHUP", _ => $"signal {Signal}" };

    public static IDisposable[] Install(TextWriter error)
    {
        _error = error;
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return [];
        return [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, c => Handle(c, 2)),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => Handle(c, 15)),
            PosixSignalRegistration.Create(PosixSignal.SIGHUP, c => Handle(c, 1)),
        ];
    }

    /// <summary>
    /// Between Training(source) and Training(null), a signal stops training through the source instead of
    /// exiting. A signal that arrived just before (while preparing, not yet acted on) stops it at once.
    /// </summary>
    public static void Training(CancellationTokenSource? source)
    {
        lock (Gate)
        {
            if (source != null && Signal != 0) source.Cancel();
            _training = source;
        }
    }

    private static void Handle(PosixSignalContext context, int number)
    {
        context.Cancel = true; // this process decides how to end
        lock (Gate)
        {
            bool first = Interlocked.CompareExchange(ref _signal, number, 0) == 0;
            if (first && _training is { } training)
            {
                training.Cancel();
                return;
            }
        }
        int removed = TemporaryPaths.DeleteAll();
        try
        {
            _error.WriteLine(
                $"fw2v: stopped by {SignalName}"
                + $"{(removed > 0 ? $"; removed {removed} temporary file(s)/folder(s)" : "")}.");
            _error.Flush();
        }
        catch (IOException) { } // a hung-up terminal
        Environment.Exit(ExitCode);
    }
}
