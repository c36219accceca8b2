using System.CommandLine;
using FastW2V.Formats;

namespace FastW2V.Cli.Commands;

/// <summary><c>fw2v convert</c>: rewrite a vector file in text or binary word2vec format.</summary>
internal static class ConvertCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var input = new Argument<string>("input")
        {
            Description = "Vector file (text or binary, detected; - = stdin).",
        };
        var target = new Argument<string>("output") { Description = "File to write (- = stdout)." };
        var binary = SharedOptions.Binary();
        var command = new Command("convert", "Convert a vector file between word2vec text and binary formats.")
        {
            input, target, binary,
        };
        command.SetAction(parse =>
        {
            string outPath = parse.GetValue(target)!;
            AtomicFile.CheckWritable(outPath, "output file");
            using var vectors = VectorFileReader.Read(parse.GetValue(input)!);
            bool isBinary = SharedOptions.IsBinary(parse.GetValue(binary), outPath);
            VectorFileWriter.Write(outPath, vectors, isBinary);
            // On stderr, so that "-" leaves stdout holding the vectors alone.
            error.WriteLine(
                $"Wrote {vectors.Count:N0} vectors of dimension {vectors.Dimension} to {outPath} "
                + $"({(isBinary ? "binary" : "text")}).");
            return 0;
        });
        return command;
    }
}
