using System.CommandLine;
using FastW2V.Formats;
using FastW2V.Visualization;

namespace FastW2V.Cli.Commands;

/// <summary>
/// Pictures: <c>fw2v plot VECTORS WORD… -o map.svg</c> (a PCA map of words and their neighbours),
/// <c>fw2v plot-loss LOG -o loss.svg</c> (the loss curve of a --json or --progress json log) and
/// <c>fw2v export projector VECTORS DIR</c> (TensorBoard projector files). Their "Wrote" lines go to
/// stderr (<c>status</c>), so that <c>-o -</c> leaves stdout holding the SVG alone.
/// </summary>
internal static class PictureCommands
{
    public static Command Plot(TextWriter status)
    {
        var vectors = new Argument<string>("vectors") { Description = "Vector file (text or binary; - = stdin)." };
        var words = new Argument<string[]>("words")
        {
            Description = "Words to map, each with its nearest neighbours.", Arity = ArgumentArity.OneOrMore,
        };
        var target = new Option<string>("--output", "-output", "-o")
        {
            Description = "The SVG file to write (- = stdout).", Required = true,
        };
        var k = new Option<int>("-k", "--k")
        {
            Description = "Neighbours shown per word.", DefaultValueFactory = _ => 8,
        };
        var command = new Command("plot", "A 2-D map (PCA) of words and their nearest neighbours, as SVG.")
        {
            vectors, words, target, k,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(k) < 1) throw new FastW2VException($"k must be at least 1 (got {parse.GetValue(k)}).");
            return WriteSvg(parse.GetValue(target)!, status, () =>
            {
                using var v = VectorFileReader.Read(parse.GetValue(vectors)!);
                return WordMap.Draw(v, parse.GetValue(words)!, parse.GetValue(k));
            });
        });
        return command;
    }

    public static Command PlotLoss(TextWriter status)
    {
        var log = new Argument<string>("log")
        {
            Description = "What train --json printed, or the stderr of train --progress json (- = stdin).",
        };
        var target = new Option<string>("--output", "-output", "-o")
        {
            Description = "The SVG file to write (- = stdout).", Required = true,
        };
        var command = new Command("plot-loss", "The loss curve of a training run, as SVG.") { log, target };
        command.SetAction(parse =>
        {
            return WriteSvg(parse.GetValue(target)!, status, () =>
            {
                byte[] bytes = FileInput.ReadAllBytes(parse.GetValue(log)!, "training log");
                return LossCurve.Draw(System.Text.Encoding.UTF8.GetString(bytes));
            });
        });
        return command;
    }

    public static Command Export(TextWriter status)
    {
        var vectors = new Argument<string>("vectors") { Description = "Vector file (text or binary; - = stdin)." };
        var folder = new Argument<string>("folder") { Description = "Folder for vectors.tsv and metadata.tsv." };
        var limit = new Option<int>("--limit")
        {
            Description = "Export only the N most frequent words (0 = all).", DefaultValueFactory = _ => 0,
        };
        var projector = new Command(
            "projector", "vectors.tsv and metadata.tsv for the TensorBoard projector (projector.tensorflow.org).")
        {
            vectors, folder, limit,
        };
        projector.SetAction(parse =>
        {
            ProjectorExport.CheckFolder(parse.GetValue(folder)!); // before stdin is read for nothing
            using var v = VectorFileReader.Read(parse.GetValue(vectors)!);
            ProjectorExport.Write(v, parse.GetValue(folder)!, parse.GetValue(limit));
            status.WriteLine($"Wrote {Path.Combine(parse.GetValue(folder)!, "vectors.tsv")} and metadata.tsv.");
            return 0;
        });
        return new Command("export", "Export vectors for other tools.") { projector };
    }

    /// <summary>Refuses an unwritable target before the (possibly slow) drawing, then writes it atomically.</summary>
    private static int WriteSvg(string path, TextWriter status, Func<string> draw)
    {
        AtomicFile.CheckWritable(path, "SVG file");
        string svg = draw();
        AtomicFile.Write(path, s => s.Write(System.Text.Encoding.UTF8.GetBytes(svg)), "SVG file");
        status.WriteLine($"Wrote {path}.");
        return 0;
    }
}
