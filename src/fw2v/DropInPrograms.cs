using System.Globalization;
using FastW2V.Cli.Commands;

namespace FastW2V.Cli;

/// <summary>
/// word2vec.c's distance, word-analogy and compute-accuracy, run under their own names (a link's or a
/// copy's). They take no options, only a file (and compute-accuracy a vocabulary threshold), so their
/// arguments are read here as the C programs read them, before the command-line parser: its root
/// command is named after argv[0] (under NativeAOT) and would clash with fw2v's command of that name.
/// Arguments past those are ignored, as the C programs ignore them.
/// </summary>
internal static class DropInPrograms
{
    /// <summary>The program's exit code, or null when <paramref name="program"/> is none of the three.</summary>
    public static int? Run(string? program, string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        if (program is not ("distance" or "word-analogy" or "compute-accuracy")) return null;
        string? file = args.Length > 0 ? args[0] : null;
        int threshold = 0;
        if (program == "compute-accuracy" && args.Length > 1
            && !int.TryParse(args[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out threshold))
        {
            error.WriteLine($"fw2v: error: the threshold must be a whole number of words (got '{args[1]}').");
            return Cli.UsageError;
        }
        try
        {
            return program switch
            {
                "distance" => QueryLoop.Distance.Start(file, input, output),
                "word-analogy" => QueryLoop.WordAnalogy.Start(file, input, output),
                _ => ComputeAccuracyCommand.Start(file, threshold, input, output),
            };
        }
        catch (Exception e)
        {
            return Cli.Report(e, error);
        }
    }
}
