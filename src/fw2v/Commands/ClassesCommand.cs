using System.CommandLine;
using System.Diagnostics;
using FastW2V.Clustering;
using FastW2V.Formats;

namespace FastW2V.Cli.Commands;

/// <summary><c>fw2v classes</c>: word2vec.c's -classes k-means on an existing vector file.</summary>
internal static class ClassesCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var input = new Argument<string>("vectors")
        {
            Description = "Vector file (text or binary, detected; - = stdin).",
        };
        var count = new Argument<int>("classes") { Description = "Number of classes (k)." };
        var target = new Option<string>("--output", "-output", "-o")
        {
            Description = "Write \"word class\" lines here (vocabulary order, as word2vec.c; - = stdout).",
            Required = true,
        };
        var threads = SharedOptions.Threads();
        var command = new Command(
            "classes",
            "Word classes by word2vec.c's k-means (10 iterations) on existing vectors; word2vec.c's -classes output.")
        {
            input, count, target, threads,
        };
        command.SetAction(parse =>
        {
            string outPath = parse.GetValue(target)!, inPath = parse.GetValue(input)!;
            AtomicFile.CheckWritable(outPath, "classes file");
            OutputPaths.CheckDistinct([(outPath, "classes file")], [(inPath, "vector file")]);
            using var vectors = VectorFileReader.Read(inPath);
            var clock = Stopwatch.StartNew();
            int[] classes = WordClasses.Cluster(vectors.Vectors, parse.GetValue(count), parse.GetValue(threads));
            ClassFileWriter.Write(outPath, vectors.Count, row => vectors.Words[row], classes);
            error.WriteLine(
                $"Wrote the classes of {vectors.Count:N0} words "
                + $"({parse.GetValue(count)} classes, {clock.Elapsed.TotalSeconds:F2} s) to {outPath}.");
            return 0;
        });
        return command;
    }
}
