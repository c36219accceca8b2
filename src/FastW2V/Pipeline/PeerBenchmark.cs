using System.Diagnostics;
using FastW2V.Training;

namespace FastW2V;

/// <summary>
/// fw2v against the trainers a user runs today, on one job and one corpus: each is started as a whole
/// process (reading, counting, training and writing, as a user times it), the runs alternated so that a
/// machine's drift hits all alike, and the median counts. Words are the corpus's raw words × epochs.
/// </summary>
public static class PeerBenchmark
{
    /// <summary>The same on a <see cref="BenchmarkCorpus"/> (its words counted first); the corpus's name and
    /// words come back with the rows.</summary>
    public static (ThroughputCorpus Corpus, IReadOnlyList<PeerRow> Rows) Run(Peer self, IReadOnlyList<Peer> peers,
        TrainingOptions options, BenchmarkCorpus corpus, int threads, int repeats, Action<string>? log = null)
    {
        (options with { Threads = threads }).Validate();
        return corpus.Use(file =>
        {
            var clock = Stopwatch.StartNew();
            var counted = TrainingRun.Count(new TrainingJob { Input = file,
                Training = options with { Threads = threads } });
            var figures = new ThroughputCorpus(corpus.Name, counted.CorpusTokens, counted.VocabularyWords,
                clock.Elapsed);
            return (figures, Run(self, peers, options, file, counted.CorpusTokens, threads, repeats, log));
        });
    }

    /// <param name="self">How to start fw2v itself (its program and, run by dotnet, its dll).</param>
    /// <param name="words">The corpus's raw words (from counting it).</param>
    public static IReadOnlyList<PeerRow> Run(Peer self, IReadOnlyList<Peer> peers, TrainingOptions options,
        string corpus, long words, int threads, int repeats, Action<string>? log = null)
    {
        if (repeats < 1) throw new FastW2VException($"repeat must be at least 1 (got {repeats}).");
        var all = new List<Peer> { self };
        all.AddRange(peers);
        var times = all.ToDictionary(p => p.Name, _ => new List<double>());
        string folder = Directory.CreateTempSubdirectory("fw2v-vs-").FullName;
        try
        {
            for (int r = 0; r < repeats; r++)
                foreach (var peer in all)
                {
                    double seconds = Time(peer, peer.Arguments(options, corpus, Path.Combine(folder, peer.Name),
                        threads));
                    times[peer.Name].Add(seconds);
                    log?.Invoke($"{peer.Name}: {seconds:F2} s");
                }
        }
        finally { Directory.Delete(folder, recursive: true); }
        double Median(List<double> t) => t.Order().ElementAt(t.Count / 2);
        double ours = Median(times[self.Name]);
        return all.Select(p =>
        {
            double s = Median(times[p.Name]), rate = words * (double)options.Iterations / s;
            return new PeerRow(p.Name, s, rate, rate / threads, s / ours);
        }).ToList();
    }

    private static double Time(Peer peer, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(peer.Program, arguments)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
        };
        var clock = Stopwatch.StartNew();
        Process process;
        try { process = Process.Start(start)!; }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new FastW2VException($"Cannot start {peer.Name} ({peer.Program}): {e.Message}");
        }
        using (process)
        {
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync();
            string error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            output.Wait();
            if (process.ExitCode != 0)
                throw new FastW2VException($"{peer.Name} failed (exit {process.ExitCode}): "
                    + $"{error.Split('\n').LastOrDefault(l => l.Trim().Length > 0)?.Trim()}");
        }
        return clock.Elapsed.TotalSeconds;
    }
}
