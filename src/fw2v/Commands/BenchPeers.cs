namespace FastW2V.Cli.Commands;

/// <summary><c>fw2v bench --vs …</c>: fw2v and the user's other trainers on one job, as a table or JSON.</summary>
internal static class BenchPeers
{
    public static int Run(TextWriter output, TextWriter error, IReadOnlyList<Peer> peers, BenchmarkCorpus corpus,
        Training.TrainingOptions options, int threads, int repeats, bool asJson)
    {
        var (figures, rows) = PeerBenchmark.Run(Self(), peers, options, corpus, threads, repeats, error.WriteLine);
        if (asJson)
        {
            JsonOutput.Write(output, w =>
            {
                w.WriteStartObject();
                w.WriteString("corpus", figures.Path);
                w.WriteNumber("corpusWords", figures.Words);
                w.WriteString("model", BenchCommand.Describe(options));
                w.WriteNumber("epochs", options.Iterations);
                w.WriteNumber("threads", threads);
                w.WriteNumber("repeats", repeats);
                w.WriteStartArray("trainers");
                foreach (var row in rows)
                {
                    w.WriteStartObject();
                    w.WriteString("name", row.Name);
                    w.WriteNumber("seconds", Math.Round(row.Seconds, 3));
                    w.WriteNumber("wordsPerSecond", Math.Round(row.WordsPerSecond));
                    w.WriteNumber("wordsPerSecondPerThread", Math.Round(row.WordsPerSecondPerThread));
                    w.WriteNumber("fw2vSpeedup", Math.Round(row.Ratio, 3));
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            });
            return 0;
        }
        output.WriteLine($"Corpus {figures.Path}: {figures.Words:N0} words. {BenchCommand.Describe(options)}, "
            + $"{options.Iterations} epoch(s), {threads} thread(s); whole processes, median of {repeats} run(s).");
        output.WriteLine($"{"trainer",-10} {"seconds",9} {"words/s",12} {"words/s/thread",15} {"fw2v is",9}");
        foreach (var row in rows)
            output.WriteLine($"{row.Name,-10} {row.Seconds,9:F2} {row.WordsPerSecond,12:N0} "
                + $"{row.WordsPerSecondPerThread,15:N0} {row.Ratio,8:F2}×");
        return 0;
    }

    /// <summary>This program, started again: the native binary, or dotnet with this dll.</summary>
    private static Peer Self()
    {
        string program = Environment.ProcessPath ?? "fw2v";
        bool dotnet = Path.GetFileNameWithoutExtension(program) == "dotnet";
        return dotnet ? new Peer("fw2v", program, [Path.Combine(AppContext.BaseDirectory, "fw2v.dll")])
            : new Peer("fw2v", program, []);
    }
}
