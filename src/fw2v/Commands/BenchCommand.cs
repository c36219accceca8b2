using System.CommandLine;
using FastW2V.Training;

namespace FastW2V.Cli.Commands;

/// <summary>
/// <c>fw2v bench</c>: end-to-end training throughput. The corpus is counted and encoded once, then one
/// epoch (or <c>--iter</c>) is trained for each thread count, repeated <c>--repeat</c> times (the median
/// run is reported). Prints raw corpus words/s in total and per thread, the scaling efficiency against
/// the first thread count, and the peak memory of each run, as a table or as JSON.
/// </summary>
internal static class BenchCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var o = new BenchOptions();
        var command = new Command("bench", "Training throughput per thread count "
            + "(default: skip-gram, d 100, window 5, 5 negatives, sample 1e-4, 1 epoch).");
        foreach (var option in o.All) command.Options.Add(option);
        command.SetAction(parse =>
        {
            int[] counts = ParseThreads(parse.GetValue(o.Threads)!);
            int repeats = parse.GetValue(o.Repeat);
            var options = o.Training(parse, counts.Max());
            bool quick = parse.GetValue(o.Quick);
            long words = parse.GetValue(o.Synthetic);
            var source = new BenchmarkCorpus(parse.GetValue(o.Corpus), quick ? Math.Min(2_000_000, words) : words,
                quick ? 20L << 20 : 0);
            if (parse.GetValue(o.Vs) is { } peers)
                return BenchPeers.Run(output, error, Peer.Parse(peers), source, options, counts.Max(), repeats,
                    parse.GetValue(o.Json));
            return Run(output, source, options, counts, repeats, parse.GetValue(o.Json));
        });
        return command;
    }

    /// <summary>Runs the benchmark, printing the table as it goes, or the JSON document at the end.</summary>
    private static int Run(
        TextWriter output, BenchmarkCorpus source, TrainingOptions options, int[] counts, int repeats, bool asJson)
    {
        ThroughputCorpus? corpusFigures = null;
        var rows = ThroughputBenchmark.Run(source, options, counts, repeats, corpus =>
        {
            corpusFigures = corpus;
            if (asJson) return;
            output.WriteLine($"Corpus {corpus.Path}: {corpus.Words:N0} words, {corpus.Vocabulary:N0} in the "
                + $"vocabulary; counted and encoded in {corpus.PrepareTime.TotalSeconds:F2} s.");
            output.WriteLine($"{Describe(options)}, {options.Iterations} epoch(s), median of {repeats} run(s).");
            output.WriteLine(
                $"{"threads",7} {"train s",9} {"words/s",12} {"words/s/thread",15} {"scaling",8} {"peak MB",8}");
        }, row =>
        {
            if (!asJson)
                output.WriteLine($"{row.Threads,7} {row.Seconds,9:F2} {row.WordsPerSecond,12:N0} "
                    + $"{row.WordsPerSecondPerThread,15:N0} {row.Scaling,8:P0} {row.PeakMegabytes,8:N0}");
        });
        if (asJson) WriteJson(output, corpusFigures!, options, repeats, rows);
        return 0;
    }

    private static void WriteJson(
        TextWriter output, ThroughputCorpus corpusFigures, TrainingOptions options, int repeats,
        IReadOnlyList<ThroughputRow> rows)
    {
        JsonOutput.Write(output, w =>
        {
            w.WriteStartObject();
            w.WriteString("corpus", corpusFigures.Path);
            w.WriteNumber("corpusWords", corpusFigures.Words);
            w.WriteNumber("vocabulary", corpusFigures.Vocabulary);
            w.WriteNumber("prepareSeconds", Math.Round(corpusFigures.PrepareTime.TotalSeconds, 3));
            w.WriteString("model", Describe(options));
            w.WriteNumber("epochs", options.Iterations);
            w.WriteNumber("repeats", repeats);
            w.WriteStartArray("runs");
            foreach (var row in rows)
            {
                w.WriteStartObject();
                w.WriteNumber("threads", row.Threads);
                w.WriteNumber("trainSeconds", Math.Round(row.Seconds, 3));
                w.WriteNumber("wordsPerSecond", Math.Round(row.WordsPerSecond));
                w.WriteNumber("wordsPerSecondPerThread", Math.Round(row.WordsPerSecondPerThread));
                w.WriteNumber("scaling", Math.Round(row.Scaling, 4));
                w.WriteNumber("peakMegabytes", Math.Round(row.PeakMegabytes, 1));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static int[] ParseThreads(string text)
    {
        var counts = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, out int n) || n is < 1 or > 1024)
                throw new FastW2VException($"--threads takes comma-separated counts from 1 to 1024 (got '{part}').");
            counts.Add(n);
        }
        if (counts.Count == 0) throw new FastW2VException("--threads needs at least one count.");
        return counts.Distinct().ToArray();
    }

    /// <summary>The job in a few words, for the table's header.</summary>
    internal static string Describe(TrainingOptions o)
    {
        string arch = o.Architecture == Architecture.SkipGram ? "skip-gram" : "CBOW";
        string loss = (o.HierarchicalSoftmax, o.Negative) switch
        {
            (true, > 0) => $"hierarchical softmax + {o.Negative} negatives",
            (true, _) => "hierarchical softmax",
            _ => $"{o.Negative} negatives",
        };
        return $"{arch}{(o.Batch ? " (batched)" : "")}, d {o.Dimension}, window {o.Window}, {loss}, "
            + $"sample {o.Sample:G}, kernels {o.Kernels.Name}";
    }
}
