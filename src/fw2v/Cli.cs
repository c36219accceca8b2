using System.CommandLine;
using FastW2V.Cli.Commands;

namespace FastW2V.Cli;

/// <summary>
/// The command line: a thin shell that parses options into library calls. Every failure ends as one
/// line on stderr and a non-zero exit code: 2 for a usage error, 1 for bad input or a failed run.
/// </summary>
public static class Cli
{
    public const int UsageError = 2;
    public const int Failure = 1;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("FastW2V: fast word2vec training (skip-gram, CBOW), word2vec.c-compatible.")
        {
            TrainCommand.Create(output, error),
            VocabCommand.Create(output, error),
            ConvertCommand.Create(output, error),
            EvalCommand.Create(output, error),
            NearestCommand.Create(output, error),
            AnalogyCommand.Create(output, error),
            BenchCommand.Create(output, error),
            PhrasesCommand.Create(output, error),
            ClassesCommand.Create(output, error),
        };
        args = ClassicArguments.Translate(args);
        var parse = root.Parse(args, new ParserConfiguration { EnablePosixBundling = false });
        var config = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        if (parse.Errors.Count > 0 && !AsksForHelp(args))
        {
            string command = parse.CommandResult.Command is RootCommand ? "fw2v" : $"fw2v {parse.CommandResult.Command.Name}";
            // One line, even for the parser's multi-line messages (the list of accepted values).
            // "Unrecognized command or argument 'x'" says more than "Required command was not provided".
            var first = parse.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? parse.Errors[0];
            string message = string.Join(' ', first.Message.Split(['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            error.WriteLine($"fw2v: error: {message} (see '{command} --help')");
            return UsageError;
        }
        try
        {
            return parse.Invoke(config);
        }
        catch (Exception e)
        {
            return Report(e, error);
        }
    }

    private static bool AsksForHelp(string[] args) => args.Any(a => a is "--help" or "-h" or "-?");

    /// <summary>Turns any exception into one line; the stack trace only with FW2V_DEBUG=1.</summary>
    public static int Report(Exception e, TextWriter error)
    {
        while (e is AggregateException { InnerExceptions.Count: 1 } a) e = a.InnerExceptions[0];
        string message = e switch
        {
            FastW2VException => e.Message,
            IOException or UnauthorizedAccessException => e.Message,
            OutOfMemoryException => "Out of memory: try fewer threads, a smaller -size or a higher -min-count.",
            _ => $"internal error ({e.GetType().Name}): {e.Message}",
        };
        error.WriteLine($"fw2v: error: {message.ReplaceLineEndings(" ")}");
        if (Environment.GetEnvironmentVariable("FW2V_DEBUG") == "1") error.WriteLine(e);
        return Failure;
    }
}
