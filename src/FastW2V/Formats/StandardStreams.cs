namespace FastW2V.Formats;

/// <summary>
/// "-" names standard input where a file is read and standard output where one is written, in every
/// reader and writer of the library. The streams can be replaced for one call chain
/// (<see cref="Redirect"/>), so that a host running commands in-process (a test, a shell built on the
/// library) feeds and captures them without touching the process's own descriptors.
/// </summary>
public static class StandardStreams
{
    /// <summary>The path that names standard input or standard output.</summary>
    public const string Name = "-";

    // Per call chain, not per process: commands run side by side keep their own streams.
    private static readonly AsyncLocal<(Stream? Input, Stream? Output)> Replaced = new();

    /// <summary>True when <paramref name="path"/> is "-".</summary>
    public static bool IsStandard(string? path) => path == Name;

    /// <summary>Standard input, or the stream <see cref="Redirect"/> put in its place; disposing it closes
    /// neither.</summary>
    public static Stream OpenInput() =>
        Replaced.Value.Input is { } input ? new BorrowedStream(input) : Console.OpenStandardInput(1 << 20);

    /// <summary>Standard output, or the stream <see cref="Redirect"/> put in its place; disposing it closes
    /// neither.</summary>
    public static Stream OpenOutput() =>
        Replaced.Value.Output is { } output ? new BorrowedStream(output) : Console.OpenStandardOutput();

    /// <summary>
    /// True when standard input is a person at a terminal (a prompt is worth showing); false when it is
    /// redirected, piped or replaced.
    /// </summary>
    public static bool InputIsTerminal => Replaced.Value.Input == null && !Console.IsInputRedirected;

    /// <summary>
    /// Reads and writes <paramref name="input"/> and <paramref name="output"/> for "-" until the result is
    /// disposed (null leaves that one as it is). The streams stay open: they are the caller's.
    /// </summary>
    public static IDisposable Redirect(Stream? input, Stream? output)
    {
        var previous = Replaced.Value;
        Replaced.Value = (input ?? previous.Input, output ?? previous.Output);
        return new Restore(() => Replaced.Value = previous);
    }

    /// <summary>
    /// Standard input can be read once: throws a one-line <see cref="FastW2VException"/> when more than one
    /// of <paramref name="inputs"/> is "-", naming them.
    /// </summary>
    /// <param name="inputs">What a command reads (null paths skipped), each with what it is.</param>
    public static void CheckOneInput(params (string? Path, string What)[] inputs)
    {
        var fromStdin = inputs.Where(i => IsStandard(i.Path)).Select(i => i.What).ToList();
        if (fromStdin.Count < 2) return;
        // "the vector file and the word-pair files", not the same name twice.
        var named = fromStdin.GroupBy(w => w).Select(g => g.Count() > 1 ? $"{g.Key}s" : g.Key);
        throw new FastW2VException(
            $"Only one input can be standard input (-): the {string.Join(" and the ", named)} "
            + $"{(fromStdin.Count == 2 ? "both" : "all")} name it; give all but one a file.");
    }

    /// <summary>How messages name <paramref name="path"/>: "standard input" for "-".</summary>
    public static string Describe(string path) => IsStandard(path) ? "standard input" : path;

    private sealed class Restore(Action undo) : IDisposable
    {
        private Action? _undo = undo;

        public void Dispose()
        {
            _undo?.Invoke();
            _undo = null;
        }
    }
}
