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

    /// <param name="programName">The name fw2v was started under: that of a word2vec.c program runs it.</param>
    /// <param name="input">Standard input (the console's when null).</param>
    public static int Run(string[] args, TextWriter output, TextWriter error, string? programName = null,
        TextReader? input = null)
    {
        input ??= Console.In;
        if (DropInPrograms.Run(programName, args, input, output, error) is int exit) return exit;
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
            PictureCommands.Plot(error),
            PictureCommands.PlotLoss(error),
            PictureCommands.Export(error),
            QueryLoop.Distance.Command(input, output),
            QueryLoop.WordAnalogy.Command(input, output),
            ComputeAccuracyCommand.Create(input, output),
            LinksCommand.Create(output),
        };
        args = ClassicArguments.Translate(args, programName);
        if (args is ["--version"])
        {
            output.WriteLine(Version);
            return 0;
        }
        // `fw2v` alone and `fw2v help [command]` show the usage and the command list (word2vec.c's tools
        // print their usage when run bare).
        if (args.Length == 0) args = ["--help"];
        else if (args[0] == "help") args = [.. args[1..], "--help"];
        else if (!args[0].StartsWith('-') && root.Subcommands.All(c => c.Name != args[0]))
        {
            error.WriteLine($"fw2v: error: {UsageErrors.UnknownCommand(args[0], root)} (see 'fw2v --help')");
            return UsageError;
        }
        var parse = root.Parse(args, new ParserConfiguration { EnablePosixBundling = false });
        var config = new InvocationConfiguration
        {
            Output = output, Error = error, EnableDefaultExceptionHandler = false,
        };
        if (AsksForHelp(args))
        {
            var captured = new StringWriter();
            int code = parse.Invoke(new InvocationConfiguration
            {
                Output = captured, Error = error, EnableDefaultExceptionHandler = false,
            });
            output.Write(HelpText.WithEverySpelling(captured.ToString(), parse.CommandResult.Command));
            return code;
        }
        string? message = UsageErrors.Describe(parse);
        if (message != null)
        {
            string page = $"fw2v {HelpText.Path(parse.CommandResult.Command)}".TrimEnd();
            error.WriteLine($"fw2v: error: {message} (see '{page} --help')");
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

    /// <summary>The library's version: the package's, the same in every shell over it.</summary>
    public static string Version { get; } = typeof(TrainingRun).Assembly
        .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
        .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion
        ?? "unknown";

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
        var job = FastW2V.Distributed.MpiSession.Current;
        string rank = job is { Size: > 1 } ? $"rank {job.Rank} of {job.Size}: " : "";
        error.WriteLine($"fw2v: error: {rank}{message.ReplaceLineEndings(" ")}");
        if (Environment.GetEnvironmentVariable("FW2V_DEBUG") == "1") error.WriteLine(e);
        if (job is { Size: > 1 })
        {
            // The other ranks may be waiting for this one in a collective: end them all now (MPI_Abort).
            error.Flush();
            FastW2V.Distributed.MpiSession.AbortAll(Failure);
        }
        job?.Dispose(); // a singleton: nobody waits, finish cleanly
        return Failure;
    }
}
