using System.CommandLine;
using System.Diagnostics;
using FastW2V.Corpus;
using FastW2V.Training;
using FastW2V.Vocabularies;
using FastW2V.Preparation;

namespace FastW2V.Cli.Commands;

/// <summary>
/// <c>fw2v bench</c>: end-to-end training throughput. The corpus is counted and encoded once, then one
/// epoch (or <c>--iter</c>) is trained for each thread count, repeated <c>--repeat</c> times (the median
/// run is reported). Prints raw corpus words/s in total and per thread, the scaling efficiency against
/// the first thread count, and the peak memory of each run, as a table or as JSON.
/// </summary>
internal static class BenchCommand
{
    private static readonly string[] DefaultCorpora = ["data/enwiki.txt", "../shared/data/enwiki2015-text8like.gz"];

    public static Command Create(TextWriter output, TextWriter error)
    {
        var corpus = new Option<string?>("--corpus") { Description = "Training text (default: data/enwiki.txt, else ../shared/data/enwiki2015-text8like.gz)." };
        var threads = new Option<string>("--threads") { Description = "Comma-separated thread counts.", DefaultValueFactory = _ => string.Join(",", DefaultThreads()) };
        var repeat = new Option<int>("--repeat") { Description = "Runs per thread count; the median is reported.", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print the results as JSON." };
        var cbow = new Option<int>("--cbow", "-cbow") { Description = "1 = CBOW, 0 = skip-gram.", DefaultValueFactory = _ => 0 };
        var size = new Option<int>("--size", "-size") { Description = "Vector dimension.", DefaultValueFactory = _ => 100 };
        var window = new Option<int>("--window", "-window") { Description = "Window.", DefaultValueFactory = _ => 5 };
        var negative = new Option<int>("--negative", "-negative") { Description = "Negative samples.", DefaultValueFactory = _ => 5 };
        var hs = new Option<int>("--hs", "-hs") { Description = "1 = hierarchical softmax.", DefaultValueFactory = _ => 0 };
        var sample = new Option<double>("--sample", "-sample") { Description = "Subsampling threshold.", DefaultValueFactory = _ => 1e-4 };
        var iter = new Option<int>("--iter", "-iter") { Description = "Epochs per run.", DefaultValueFactory = _ => 1 };
        var noBatch = new Option<bool>("--no-batch") { Description = "One example at a time (word2vec.c's loops)." };
        var cbowBatch = SharedOptions.CbowBatch();
        var kernels = SharedOptions.Kernels();
        var pin = new Option<bool>("--pin") { Description = "Pin worker thread t to CPU t." };
        var command = new Command("bench", "Training throughput per thread count (default: skip-gram, d 100, window 5, 5 negatives, sample 1e-4, 1 epoch).")
        {
            corpus, threads, repeat, json, cbow, size, window, negative, hs, sample, iter, noBatch, cbowBatch, kernels, pin,
        };
        command.SetAction(parse =>
        {
            int[] counts = ParseThreads(parse.GetValue(threads)!);
            int repeats = parse.GetValue(repeat);
            if (repeats < 1) throw new FastW2VException($"repeat must be at least 1 (got {repeats}).");
            SharedOptions.RequireZeroOrOne(parse.GetValue(cbow), "cbow");
            SharedOptions.RequireZeroOrOne(parse.GetValue(hs), "hs");
            string path = parse.GetValue(corpus) ?? DefaultCorpora.FirstOrDefault(File.Exists)
                ?? throw new FastW2VException("No corpus: give --corpus FILE (data/enwiki.txt is made by ./tools/demo.sh).");
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
            options.Validate();
            bool asJson = parse.GetValue(json);

            var prepareClock = Stopwatch.StartNew();
            using var prepared = CorpusPreparation.Prepare(new CorpusSource(path), new PreparationOptions
            {
                Threads = Math.Min(counts.Max(), Environment.ProcessorCount), Encode = true, Vocabulary = new VocabularyOptions(),
            });
            var prepareTime = prepareClock.Elapsed;
            long tokens = prepared.Vocabulary.CorpusTokens > 0 ? prepared.Vocabulary.CorpusTokens : prepared.Encoded!.TokenCount;
            if (!asJson)
            {
                output.WriteLine($"Corpus {path}: {tokens:N0} words, {prepared.Vocabulary.Count:N0} in the vocabulary; counted and encoded in {prepareTime.TotalSeconds:F2} s.");
                output.WriteLine($"{Describe(options)}, {options.Iterations} epoch(s), median of {repeats} run(s).");
                output.WriteLine($"{"threads",7} {"train s",9} {"words/s",12} {"words/s/thread",15} {"scaling",8} {"peak MB",8}");
            }
            var rows = new List<(int Threads, double Seconds, double PerSecond, double PerThread, double Scaling, double PeakMb)>();
            foreach (int n in counts)
            {
                var runs = new List<(double Seconds, double PeakMb)>();
                for (int r = 0; r < repeats; r++)
                {
                    PeakMemory.Reset();
                    var result = Trainer.Train(prepared.Vocabulary, prepared.Encoded!, options with { Threads = n });
                    result.Model.Dispose();
                    runs.Add((result.Elapsed.TotalSeconds, PeakMemory.Megabytes()));
                }
                var median = runs.OrderBy(x => x.Seconds).ElementAt(runs.Count / 2);
                double perSecond = tokens * (double)options.Iterations / median.Seconds;
                double scaling = rows.Count == 0 ? 1 : perSecond / n / (rows[0].PerThread);
                rows.Add((n, median.Seconds, perSecond, perSecond / n, scaling, median.PeakMb));
                if (!asJson)
                    output.WriteLine($"{n,7} {median.Seconds,9:F2} {perSecond,12:N0} {perSecond / n,15:N0} {scaling,8:P0} {median.PeakMb,8:N0}");
            }
            if (asJson)
                JsonOutput.Write(output, w =>
                {
                    w.WriteStartObject();
                    w.WriteString("corpus", path);
                    w.WriteNumber("corpusWords", tokens);
                    w.WriteNumber("vocabulary", prepared.Vocabulary.Count);
                    w.WriteNumber("prepareSeconds", Math.Round(prepareTime.TotalSeconds, 3));
                    w.WriteString("model", Describe(options));
                    w.WriteNumber("epochs", options.Iterations);
                    w.WriteNumber("repeats", repeats);
                    w.WriteStartArray("runs");
                    foreach (var row in rows)
                    {
                        w.WriteStartObject();
                        w.WriteNumber("threads", row.Threads);
                        w.WriteNumber("trainSeconds", Math.Round(row.Seconds, 3));
                        w.WriteNumber("wordsPerSecond", Math.Round(row.PerSecond));
                        w.WriteNumber("wordsPerSecondPerThread", Math.Round(row.PerThread));
                        w.WriteNumber("scaling", Math.Round(row.Scaling, 4));
                        w.WriteNumber("peakMegabytes", Math.Round(row.PeakMb, 1));
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    w.WriteEndObject();
                });
            return 0;
        });
        return command;
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

    internal static string Describe(TrainingOptions o)
    {
        string arch = o.Architecture == Architecture.SkipGram ? "skip-gram" : "CBOW";
        string loss = (o.HierarchicalSoftmax, o.Negative) switch
        {
            (true, > 0) => $"hierarchical softmax + {o.Negative} negatives",
            (true, _) => "hierarchical softmax",
            _ => $"{o.Negative} negatives",
        };
        return $"{arch}{(o.Batch ? " (batched)" : "")}, d {o.Dimension}, window {o.Window}, {loss}, sample {o.Sample:G}, kernels {o.Kernels.Name}";
    }
}
