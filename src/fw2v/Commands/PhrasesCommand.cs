using System.CommandLine;
using FastW2V.Formats;
using FastW2V.Phrases;

namespace FastW2V.Cli.Commands;

/// <summary>
/// <c>fw2v phrases</c>: word2vec.c's word2phrase (same options, byte-identical output): joins frequent
/// pairs such as new_york before training. Run it twice (-threshold 200, then 100 on its output) for
/// phrases of up to four words, as word2vec.c's demo does.
/// </summary>
internal static class PhrasesCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var input = SharedOptions.Input();
        var outputFile = new Option<string>("--output", "-output", "-o")
        {
            Description = "Write the text with phrases joined here (- = standard output).", Required = true,
        };
        var minCount = SharedOptions.MinCount();
        var threshold = new Option<float>("--threshold", "-threshold")
        {
            Description = "Join a pair when (count(ab) - min-count) / count(a) / count(b) * words > this "
                + "(higher = fewer phrases).",
            DefaultValueFactory = _ => 100,
        };
        var threads = SharedOptions.Threads();
        var debug = new Option<int>("--debug", "-debug")
        {
            Description = "0 = quiet; 1, 2 = word2phrase's counts and a summary.", DefaultValueFactory = _ => 2,
        };
        var prune = new Option<long>("--prune-threshold")
        {
            Description = "Past this many distinct words and pairs, drop the rarest as word2phrase's ReduceVocab does "
                + "(word2phrase: 350,000,000).",
            DefaultValueFactory = _ => new PhraseOptions().PruneThreshold,
        };
        var cache = new Option<string?>("--cache")
        {
            Description = "Folder where a streamed input (.gz, -, a pipe) is unpacked for the second pass "
                + "(default: the temp folder).",
        };
        var noUtf8 = SharedOptions.NoUtf8Check();
        var quiet = SharedOptions.Quiet();
        var command = new Command(
            "phrases",
            "word2phrase: join frequent word pairs (new york -> new_york) in a text, "
            + "byte-identical to word2vec.c's tool.")
        {
            input, outputFile, minCount, threshold, threads, debug, prune, cache, noUtf8, quiet,
        };
        command.SetAction(parse =>
        {
            bool verbose = !parse.GetValue(quiet) && parse.GetValue(debug) > 0;
            var options = new PhraseOptions
            {
                MinCount = parse.GetValue(minCount),
                Threshold = parse.GetValue(threshold),
                Threads = parse.GetValue(threads),
                PruneThreshold = parse.GetValue(prune),
                CacheFolder = parse.GetValue(cache),
                CheckUtf8 = !parse.GetValue(noUtf8),
                Log = verbose ? error.WriteLine : null,
            };
            options.Validate();
            string inputPath = parse.GetValue(input)!, outputPath = parse.GetValue(outputFile)!;
            AtomicFile.CheckWritable(outputPath, "output file");
            OutputPaths.CheckDistinct([(outputPath, "output file")], [(inputPath, "training file")]);
            PhraseResult? result = null;
            AtomicFile.Write(outputPath, stream => result = PhraseFinder.Run(inputPath, stream, options));
            if (result!.DroppedLastWord && !parse.GetValue(quiet))
                error.WriteLine($"Note: the last word of {(inputPath == "-" ? "standard input" : inputPath)} "
                    + "has no space or newline after it: dropped, as word2phrase drops it.");
            if (verbose) Report(result, error);
            return 0;
        });
        return command;
    }

    private static void Report(PhraseResult r, TextWriter error)
    {
        // word2phrase's two lines first, so scripts that read them keep working.
        error.WriteLine($"Vocab size (unigrams + bigrams): {r.VocabularySize}");
        error.WriteLine($"Words in train file: {r.Words}");
        double seconds = (r.CountTime + r.WriteTime).TotalSeconds;
        error.WriteLine($"Counted:    {r.DistinctKeys:N0} distinct words and pairs, "
            + $"{r.KeptKeys:N0} of them counted at least min-count times");
        error.WriteLine($"Phrases:    {r.Joined:N0} words joined to the word before them "
            + $"({100.0 * r.Joined / Math.Max(1, r.Words):F2}% of {r.Words:N0})");
        error.WriteLine($"Time:       counting {r.CountTime.TotalSeconds:F2} s "
            + $"({r.MergeTime.TotalSeconds:F2} s of it merging; {r.Shards} shard(s)"
            + $"{(r.Sequential ? ", counted again in one pass" : "")}), "
            + $"writing {r.WriteTime.TotalSeconds:F2} s: {r.InputBytes / 1e6 / seconds:F0} MB/s");
    }
}
