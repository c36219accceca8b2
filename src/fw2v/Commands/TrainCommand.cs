using System.CommandLine;
using FastW2V.Distributed;

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
            if (parse.GetValue(options.LongRun.Resume) is not { } resumePath) return Run(parse, null, false);
            options.LongRun.CheckResumeAlone(parse);
            var resume = ResumePoint.Read(resumePath);
            Directory.SetCurrentDirectory(resume.WorkingDirectory);
            var stored = command.Parse([.. resume.Arguments], new ParserConfiguration { EnablePosixBundling = false });
            if (stored.Errors.Count > 0)
                throw new FastW2VException($"The checkpoint's command does not parse: {stored.Errors[0].Message}");
            error.WriteLine($"Resuming:   {resumePath}: fw2v train {string.Join(' ', resume.Arguments)}");
            return Run(stored, resume, parse.GetValue(options.LongRun.Force));
        });
        return command;

        int Run(ParseResult parse, ResumePoint? resume, bool forced)
        {
            var job = options.Job(parse, resume, forced);
            bool json = parse.GetValue(options.Json);
            if (job.Output == Formats.AtomicFile.StandardOutput && json)
                throw new FastW2VException(
                    "--output - writes the vectors to standard output: --json would be mixed in; "
                    + "give the vectors a file.");
            int debug = parse.GetValue(options.Debug);
            bool quiet = parse.GetValue(options.Quiet), jsonProgress = parse.GetValue(options.Progress) == "json";
            var text = new TerminalLines(error);
            // Evaluations are results, for stdout, unless an output written to "-" owns it.
            var results = new[] { job.Output, job.SaveVocabulary, job.OutputVectors }
                .Any(Formats.StandardStreams.IsStandard) ? error : output;
            IProgressSink? display = quiet || !(debug > 1 || jsonProgress) ? null
                : jsonProgress ? new JsonProgress(error) : new ProgressDisplay(error);
            Action<string>? log = quiet || debug < 1 ? null : line => { display?.Finish(); text.WriteLine(line); };
            using var stop = new CancellationTokenSource();
            var events = new TrainingEvents
            {
                Log = log,
                Warning = line => { display?.Finish(); text.WriteLine($"warning: {line}"); },
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
                if (stopped.Reporting) error.WriteLine(TrainSummary.Stopped(stopped));
                return Interruption.ExitCode;
            }
            display?.Finish();
            // An MPI job's other ranks print their summary only with --rank-log, prefixed with their rank.
            if (log != null && report.Result != null && (report.Reporting || job.Distributed?.RankLog == true))
                TrainSummary.Write(report.Reporting ? log : line => log($"[rank {MpiSession.Current?.Rank}] {line}"),
                    report, debug >= 3);
            if (json && report.Reporting && report.Result != null)
                JsonOutput.Write(output, w => TrainReport.Write(w, report));
            return 0;
        }
    }
}
