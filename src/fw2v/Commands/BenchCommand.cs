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
        var corpus = new Option<string?>("--corpus")
        {
            Description = "Training text (default: the built-in synthetic corpus of Zipf-distributed words; see "
                + "--synthetic-words).",
        };
        var synthetic = new Option<long>("--synthetic-words")
        {
            Description = "Words of the built-in synthetic corpus, written to a temporary file and deleted after.",
            DefaultValueFactory = _ => 10_000_000,
        };
        var quick = new Option<bool>("--quick")
        {
            Description = "A first look in well under a minute: 2,000,000 synthetic words, or the first 20 MB of "
                + "--corpus.",
        };
        var threads = new Option<string>("--threads")
        {
            Description = "Comma-separated thread counts.",
            DefaultValueFactory = _ => string.Join(",", DefaultThreads()),
        };
        var repeat = new Option<int>("--repeat")
        {
            Description = "Runs per thread count; the median is reported.", DefaultValueFactory = _ => 1,
        };
        var json = new Option<bool>("--json") { Description = "Print the results as JSON." };
        var vs = new Option<string?>("--vs")
        {
            Description = "Compare with the trainers you have, on the same job, whole processes alternated: "
                + "word2vec=PATH (word2vec.c), fasttext=PATH (fastText without subwords), comma-separated.",
        };
        var cbow = new Option<int>("--cbow", "-cbow")
        {
            Description = "1 = CBOW, 0 = skip-gram.", DefaultValueFactory = _ => 0,
        };
        var size = new Option<int>("--size", "-size")
        {
            Description = "Vector dimension.", DefaultValueFactory = _ => 100,
        };
        var window = new Option<int>("--window", "-window") { Description = "Window.", DefaultValueFactory = _ => 5 };
        var negative = new Option<int>("--negative", "-negative")
        {
            Description = "Negative samples.", DefaultValueFactory = _ => 5,
        };
        var hs = new Option<int>("--hs", "-hs")
        {
            Description = "1 = hierarchical softmax.", DefaultValueFactory = _ => 0,
        };
        var sample = new Option<double>("--sample", "-sample")
        {
            Description = "Subsampling threshold.", DefaultValueFactory = _ => 1e-4,
        };
        var iter = new Option<int>("--iter", "-iter") { Description = "Epochs per run.", DefaultValueFactory = _ => 1 };
        var noBatch = new Option<bool>("--no-batch") { Description = "One example at a time (word2vec.c's loops)." };
        var cbowBatch = SharedOptions.CbowBatch();
        var kernels = SharedOptions.Kernels();
        var pin = new Option<bool>("--pin") { Description = "Pin worker thread t to CPU t." };
        var command = new Command(
            "bench",
            "Training throughput per thread count "
            + "(default: skip-gram, d 100, window 5, 5 negatives, sample 1e-4, 1 epoch).")
        {
            corpus, synthetic, quick, threads, repeat, json, vs, cbow, size, window, negative, hs, sample, iter,
                noBatch,
                cbowBatch, kernels,
            pin,
        };
        command.SetAction(parse =>
        {
            int[] counts = ParseThreads(parse.GetValue(threads)!);
            int repeats = parse.GetValue(repeat);
            SharedOptions.RequireZeroOrOne(parse.GetValue(cbow), "cbow");
            SharedOptions.RequireZeroOrOne(parse.GetValue(hs), "hs");
            var options = new TrainingOptions
            {
                Architecture = parse.GetValue(cbow) == 1 ? Architecture.Cbow : Architecture.SkipGram,
                Dimension = parse.GetValue(size),
                Window = parse.GetValue(window),
                Negative = parse.GetValue(negative),
                HierarchicalSoftmax = parse.GetValue(hs) == 1,
                Sample = parse.GetValue(sample),
                Iterations = parse.GetValue(iter),
                Batch = !parse.GetValue(noBatch),
                CbowBatch = parse.GetValue(cbowBatch),
                Kernels = SharedOptions.ChooseKernels(parse.GetValue(kernels), loops: false),
                Pin = parse.GetValue(pin),
                Threads = counts.Max(),
            };
            var source = new BenchmarkCorpus(parse.GetValue(corpus),
                parse.GetValue(quick) ? Math.Min(2_000_000, parse.GetValue(synthetic)) : parse.GetValue(synthetic),
                parse.GetValue(quick) ? 20L << 20 : 0);
            if (parse.GetValue(vs) is { } peers)
                return BenchPeers.Run(output, error, Peer.Parse(peers), source, options, counts.Max(), repeats,
                    parse.GetValue(json));
            return Run(output, source, options, counts, repeats, parse.GetValue(json));
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

    private static IEnumerable<int> DefaultThreads()
    {
        for (int n = 1; n < Environment.ProcessorCount; n *= 2) yield return n;
        yield return Environment.ProcessorCount;
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
