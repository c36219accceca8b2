using System.CommandLine;

namespace FastW2V.Cli.Commands;

/// <summary>
/// <c>fw2v train</c> (and word2vec.c's <c>fw2v -train ...</c>): maps the options to a
/// <see cref="TrainingJob"/>, runs it with <see cref="TrainingRun"/>, and prints progress, the summary and
/// the JSON report. Ctrl-C, SIGTERM and SIGHUP stop training cleanly (<see cref="Interruption"/>).
/// </summary>
internal static class TrainCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var options = new TrainOptions();
        var command = new Command("train",
            "Train word vectors: skip-gram or CBOW with negative sampling, hierarchical softmax or the full softmax.");
        foreach (var option in options.All) command.Options.Add(option);
        command.SetAction(parse =>
        {
            if (parse.GetValue(options.LongRun.Resume) is not { } resumePath)
                return Run(options, parse, null, false, null, output, error);
            options.LongRun.CheckResumeAlone(parse);
            var resume = ResumePoint.Read(resumePath);
            Directory.SetCurrentDirectory(resume.WorkingDirectory);
            var stored = command.Parse([.. resume.Arguments], new ParserConfiguration { EnablePosixBundling = false });
            if (stored.Errors.Count > 0)
                throw new FastW2VException($"The checkpoint's command does not parse: {stored.Errors[0].Message}");
            string resuming = $"Resuming:   {resumePath}: fw2v train {string.Join(' ', resume.Arguments)}";
            return Run(options, stored, resume, parse.GetValue(options.LongRun.Force), resuming, output, error);
        });
        return command;
    }

    /// <param name="resuming">The line that says which checkpoint continues (null: a new run).</param>
    private static int Run(TrainOptions options, ParseResult parse, ResumePoint? resume, bool forced,
        string? resuming, TextWriter output, TextWriter error)
    {
        // With --progress json every line on stderr is a JSON object, the error report included.
        var jsonLines = parse.GetValue(options.Progress) == "json" ? new JsonProgress(error) : null;
        try { return Run(options, parse, resume, forced, resuming, jsonLines, output, error); }
        catch (Exception e) when (jsonLines != null)
        {
            return Cli.Report(e, jsonLines.Writer("error"));
        }
    }

    private static int Run(TrainOptions options, ParseResult parse, ResumePoint? resume, bool forced,
        string? resuming, JsonProgress? jsonLines, TextWriter output, TextWriter error)
    {
        var job = options.Job(parse, resume, forced);
        bool json = parse.GetValue(options.Json);
        if (job.Output == Formats.AtomicFile.StandardOutput && json)
            throw new FastW2VException(
                "--output - writes the vectors to standard output: --json would be mixed in; "
                + "give the vectors a file.");
        int debug = parse.GetValue(options.Debug);
        bool quiet = parse.GetValue(options.Quiet);
        var text = new TerminalLines(error);
        // Evaluations are results, for stdout, unless an output written to "-" owns it.
        var results = new[] { job.Output, job.SaveVocabulary, job.OutputVectors }
            .Any(Formats.StandardStreams.IsStandard) ? error : output;
        IProgressSink? display = quiet || !(debug > 1 || jsonLines != null) ? null
            : jsonLines ?? (IProgressSink)new ProgressDisplay(error);
        Action<string> Say(string key) => jsonLines != null
            ? line => jsonLines.Text(key, line)
            : line => { display?.Finish(); text.WriteLine(key == "warning" ? $"warning: {line}" : line); };
        Action<string>? log = quiet || debug < 1 ? null : Say("log");
        if (resuming != null) Say("log")(resuming);
        using var stop = new CancellationTokenSource();
        var events = new TrainingEvents
        {
            Log = log,
            Warning = Say("warning"),
            Progress = display != null ? display.Show : null,
            ProgressInterval = display?.Interval,
            Note = display != null ? display.Note : log,
            Evaluated = e => { display?.Finish(); if (!json) TrainSummary.Evaluation(results, e); },
            Stop = stop.Token,
            TrainingPhase = training => Interruption.Training(training ? stop : null),
        };
        TrainingReport report;
        try { report = TrainingRun.Execute(job, events); }
        catch (TrainingStoppedException stopped)
        {
            display?.Finish();
            if (stopped.Reporting && jsonLines != null) jsonLines.Text("stopped", TrainSummary.Stopped(stopped));
            else if (stopped.Reporting) error.WriteLine(TrainSummary.Stopped(stopped));
            return Interruption.ExitCode;
        }
        display?.Finish();
        // An MPI job's other ranks print their summary only with --rank-log, prefixed with their rank.
        if (log != null && report.Result != null && (report.Reporting || job.Distributed?.RankLog == true))
        {
            int? rank = report.Reporting ? null : report.Rank;
            if (jsonLines != null) jsonLines.Summary(report, rank);
            else TrainSummary.Write(rank == null ? log : line => log($"[rank {rank}] {line}"), report, debug >= 3);
        }
        if (json && report.Reporting && report.Result != null)
            JsonOutput.Write(output, w => TrainReport.Write(w, report));
        return 0;
    }
}
