using System.Diagnostics;
using FastW2V.Corpus;
using FastW2V.Preparation;
using FastW2V.Training;
using FastW2V.Vocabularies;

namespace FastW2V;

/// <summary>
/// End-to-end training throughput per thread count: the corpus is counted and encoded once, then the
/// model trains on it <c>repeats</c> times per thread count; the median run counts. Words are raw corpus
/// words (before subsampling), so figures compare with word2vec.c's.
/// </summary>
public static class ThroughputBenchmark
{
    /// <summary>The same on a <see cref="BenchmarkCorpus"/>: a named file, its first bytes, or the synthetic
    /// corpus, written to a temporary folder that is deleted after.</summary>
    public static IReadOnlyList<ThroughputRow> Run(BenchmarkCorpus corpus, TrainingOptions options,
        IReadOnlyList<int> threads, int repeats, Action<ThroughputCorpus>? prepared = null,
        Action<ThroughputRow>? row = null)
    {
        (options with { Threads = threads.Count > 0 ? threads.Max() : 1 }).Validate();
        return corpus.Use(file =>
            Run(file, options, threads, repeats, c => prepared?.Invoke(c with { Path = corpus.Name }), row));
    }

    /// <summary>Counts and encodes the corpus, then trains it for each thread count.</summary>
    /// <param name="prepared">Called once the corpus is ready, before the first run.</param>
    /// <param name="row">Called as each thread count's median is known.</param>
    public static IReadOnlyList<ThroughputRow> Run(string corpus, TrainingOptions options, IReadOnlyList<int> threads,
        int repeats, Action<ThroughputCorpus>? prepared = null, Action<ThroughputRow>? row = null)
    {
        if (repeats < 1) throw new FastW2VException($"repeat must be at least 1 (got {repeats}).");
        if (threads.Count == 0 || threads.Any(n => n is < 1 or > 1024))
            throw new FastW2VException("--threads takes comma-separated counts from 1 to 1024.");
        (options with { Threads = threads.Max() }).Validate();
        var clock = Stopwatch.StartNew();
        using var corpusPrepared = CorpusPreparation.Prepare(new CorpusSource(corpus), new PreparationOptions
        {
            Threads = Math.Min(threads.Max(), Environment.ProcessorCount), Encode = true,
                Vocabulary = new VocabularyOptions(),
        });
        var vocabulary = corpusPrepared.Vocabulary;
        long words = vocabulary.CorpusTokens > 0 ? vocabulary.CorpusTokens : corpusPrepared.Encoded!.TokenCount;
        prepared?.Invoke(new ThroughputCorpus(corpus, words, vocabulary.Count, clock.Elapsed));
        var rows = new List<ThroughputRow>();
        foreach (int n in threads)
        {
            var runs = new List<(double Seconds, double PeakMb)>();
            for (int r = 0; r < repeats; r++)
            {
                PeakMemory.Reset();
                var result = Trainer.Train(vocabulary, corpusPrepared.Encoded!, options with { Threads = n });
                result.Model.Dispose();
                runs.Add((result.Elapsed.TotalSeconds, PeakMemory.Megabytes()));
            }
            var median = runs.OrderBy(x => x.Seconds).ElementAt(runs.Count / 2);
            double perSecond = words * (double)options.Iterations / median.Seconds;
            double scaling = rows.Count == 0 ? 1 : perSecond / n / rows[0].WordsPerSecondPerThread;
            rows.Add(new ThroughputRow(n, median.Seconds, perSecond, perSecond / n, scaling, median.PeakMb));
            row?.Invoke(rows[^1]);
        }
        return rows;
    }
}
