using System.CommandLine;
using System.Diagnostics;
using FastW2V.Corpus;
using FastW2V.Evaluation;
using FastW2V.Formats;
using FastW2V.Sampling;
using FastW2V.Training;
using FastW2V.Training.Losses;
using FastW2V.Vocabularies;
using FastW2V.Preparation;

namespace FastW2V.Cli.Commands;

/// <summary>
/// <c>fw2v train</c> (and word2vec.c's <c>fw2v -train ...</c>): corpus → vocabulary → token ids →
/// Hogwild training → vector file.
/// </summary>
internal static class TrainCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var input = SharedOptions.Input(required: false); // not with --resume FILE
        var outputFile = new Option<string?>("--output", "-output", "-o") { Description = "Write the word vectors here." };
        var size = new Option<int>("--size", "-size") { Description = "Vector dimension.", DefaultValueFactory = _ => 100 };
        var window = new Option<int>("--window", "-window") { Description = "Maximum skip length between words.", DefaultValueFactory = _ => 5 };
        var sample = new Option<double>("--sample", "-sample") { Description = "Subsampling threshold for frequent words (0 = off).", DefaultValueFactory = _ => 1e-3 };
        var hs = new Option<int>("--hs", "-hs") { Description = "1 = hierarchical softmax (with -negative N > 0, both heads, as word2vec.c).", DefaultValueFactory = _ => 0 };
        var loss = new Option<string?>("--loss") { Description = "ns (negative sampling), hs (hierarchical softmax alone) or softmax (the exact full softmax; small vocabularies)." };
        loss.AcceptOnlyFromAmong("ns", "hs", "softmax");
        var negative = new Option<int>("--negative", "-negative") { Description = "Negative samples per example (0 = none).", DefaultValueFactory = _ => 5 };
        var threads = SharedOptions.Threads();
        var iter = new Option<int>("--iter", "-iter") { Description = "Training epochs.", DefaultValueFactory = _ => 5 };
        var minCount = SharedOptions.MinCount();
        var maxVocab = SharedOptions.MaxVocab();
        var prune = SharedOptions.PruneThreshold();
        var alpha = new Option<float?>("--alpha", "-alpha") { Description = "Starting learning rate (default 0.025 skip-gram, 0.05 CBOW)." };
        var binary = SharedOptions.Binary();
        var cbow = new Option<int>("--cbow", "-cbow") { Description = "1 = CBOW, 0 = skip-gram.", DefaultValueFactory = _ => 1 };
        var saveVocab = SharedOptions.SaveVocab();
        var readVocab = new Option<string?>("--read-vocab", "-read-vocab") { Description = "Use this vocabulary file instead of counting the corpus." };
        var debug = new Option<int>("--debug", "-debug") { Description = "0 = nothing but errors; 1 = the summary; 2 = progress as well.", DefaultValueFactory = _ => 2 };
        var classes = new Option<int>("--classes", "-classes") { Description = "Write word classes (word2vec.c's k-means, 10 iterations) to --output instead of vectors; 0 = vectors.", DefaultValueFactory = _ => 0 };
        var cbowSum = new Option<bool>("--cbow-sum") { Description = "CBOW hidden vector = sum of the context vectors (default: mean)." };
        var cbowCompat = new Option<bool>("--cbow-w2v-compat") { Description = "CBOW mean: each context row takes all of the hidden vector's step, as word2vec.c (the default)." };
        var cbowExact = new Option<bool>("--cbow-exact-gradient") { Description = "CBOW mean: each context row takes 1/n of the hidden vector's step, the plain gradient of the mean (weaker: see the README)." };
        var saveOutput = new Option<string?>("--save-output-vectors") { Description = "Also write the output (context) vectors to this file." };
        var seed = new Option<ulong>("--seed") { Description = "Random seed (with -threads 1, runs are bit-identical).", DefaultValueFactory = _ => 1UL };
        var cache = new Option<string?>("--cache") { Description = "Folder for the token-id files (default: the temp folder)." };
        var keepCache = new Option<bool>("--keep-cache") { Description = "Keep the token-id files after training." };
        var sampler = new Option<NegativeSamplerKind>("--neg-sampler") { Description = "Negative sampler: Alias (default) or Table (word2vec.c's).", DefaultValueFactory = _ => NegativeSamplerKind.Alias };
        var noUtf8 = SharedOptions.NoUtf8Check();
        var quiet = SharedOptions.Quiet();
        var evalAnalogy = new Option<string?>("--eval-analogy") { Description = "After training, analogy accuracy on these questions (compute-accuracy protocol, 30,000 words)." };
        var evalSimilarity = new Option<string[]>("--eval-similarity") { Description = "After training, Spearman's ρ on these word-pair files or folders.", AllowMultipleArgumentsPerToken = true };
        var evalEveryEpoch = new Option<bool>("--eval-every-epoch") { Description = "Run the evaluations after every epoch, not only at the end." };
        var noBatch = new Option<bool>("--no-batch") { Description = "One example at a time, as word2vec.c (default: skip-gram windows and CBOW batches sharing negatives and Huffman paths)." };
        var cbowBatch = SharedOptions.CbowBatch();
        var kernels = SharedOptions.Kernels();
        var pin = new Option<bool>("--pin") { Description = "Pin worker thread t to CPU t (Linux)." };
        var noRegisters = new Option<bool>("--no-register-kernels") { Description = "Use the level-1 loop kernels of the chosen instruction set (for benchmarks)." };
        var longRun = new LongRunOptions();
        var mpiOptions = new MpiOptions();
        var json = new Option<bool>("--json") { Description = "At the end, print the run as one JSON object on stdout (options, vocabulary, per-epoch loss and time, speed, memory, outputs, evaluations; see the README)." };
        var progressFormat = new Option<string>("--progress") { Description = "Progress on stderr: text (for people) or json (one object per line, every second).", DefaultValueFactory = _ => "text" };
        progressFormat.AcceptOnlyFromAmong("text", "json");

        var command = new Command("train", "Train word vectors: skip-gram or CBOW with negative sampling, hierarchical softmax or the full softmax.")
        {
            input, outputFile, size, window, sample, hs, loss, negative, threads, iter, minCount, maxVocab, prune, alpha, binary, cbow,
            saveVocab, readVocab, debug, classes, cbowSum, cbowCompat, cbowExact, saveOutput, seed, cache, keepCache, sampler, noUtf8, quiet, kernels, noRegisters, noBatch, cbowBatch, pin, evalAnalogy, evalSimilarity, evalEveryEpoch,
        };
        foreach (var option in longRun.All.Concat(mpiOptions.All)) command.Options.Add(option);
        command.Options.Add(json);
        command.Options.Add(progressFormat);
        command.SetAction(parse =>
        {
            if (parse.GetValue(longRun.Resume) is not { } resumePath) return Execute(parse, null, false);
            longRun.CheckResumeAlone(parse);
            var checkpoint = CheckpointFile.Read(resumePath);
            if (!Directory.Exists(checkpoint.WorkingDirectory))
                throw new FastW2VException($"The checkpoint's working folder '{checkpoint.WorkingDirectory}' is gone: its relative paths cannot be resolved.");
            Directory.SetCurrentDirectory(checkpoint.WorkingDirectory);
            var stored = command.Parse(checkpoint.Arguments, new ParserConfiguration { EnablePosixBundling = false });
            if (stored.Errors.Count > 0) throw new FastW2VException($"The checkpoint's command does not parse: {stored.Errors[0].Message}");
            error.WriteLine($"Resuming:   {resumePath}: fw2v train {string.Join(' ', checkpoint.Arguments)}");
            return Execute(stored, checkpoint, parse.GetValue(longRun.Force));
        });
        return command;

        // An MPI job's ranks all finish MPI on success; on a failure Cli.Report aborts the job instead
        // (finishing would wait for ranks that may never get there).
        int Execute(ParseResult parse, CheckpointFile? checkpoint, bool forced)
        {
            int code = Train(parse, checkpoint, forced, out var session);
            session?.Dispose();
            return code;
        }

        int Train(ParseResult parse, CheckpointFile? checkpoint, bool forced, out FastW2V.Distributed.MpiSession? session)
        {
            session = null;
            var wall = Stopwatch.StartNew();
            int classCount = parse.GetValue(classes);
            if (classCount < 0) throw new FastW2VException($"-classes must be 0 (vectors) or a number of classes (got {classCount}).");
            int cbowValue = parse.GetValue(cbow), hsValue = parse.GetValue(hs);
            SharedOptions.RequireZeroOrOne(cbowValue, "cbow");
            SharedOptions.RequireZeroOrOne(hsValue, "hs");
            string? lossName = parse.GetValue(loss);
            int negativeValue = parse.GetValue(negative);
            if (lossName != null && parse.GetResult(hs) is { Implicit: false }) throw new FastW2VException("Give either --loss or -hs, not both.");
            if (lossName is "hs" or "softmax" && parse.GetResult(negative) is { Implicit: false } && negativeValue > 0)
                throw new FastW2VException($"--loss {lossName} trains no negative samples: drop -negative (or use -hs 1 -negative {negativeValue} for both heads).");
            if (lossName is "hs" or "softmax") negativeValue = 0;
            if (lossName == "hs") hsValue = 1;
            var training = new TrainingOptions
            {
                Architecture = cbowValue == 1 ? Architecture.Cbow : Architecture.SkipGram,
                Dimension = parse.GetValue(size),
                Window = parse.GetValue(window),
                Sample = parse.GetValue(sample),
                Negative = negativeValue,
                HierarchicalSoftmax = hsValue == 1,
                FullSoftmax = lossName == "softmax",
                Threads = parse.GetValue(threads),
                Iterations = parse.GetValue(iter),
                Alpha = parse.GetValue(alpha),
                CbowSum = parse.GetValue(cbowSum),
                CbowExactGradient = parse.GetValue(cbowExact),
                Seed = parse.GetValue(seed),
                Sampler = parse.GetValue(sampler),
                Kernels = SharedOptions.ChooseKernels(parse.GetValue(kernels), parse.GetValue(noRegisters)),
                Batch = !parse.GetValue(noBatch),
                CbowBatch = parse.GetValue(cbowBatch),
                Pin = parse.GetValue(pin),
            };
            if (parse.GetValue(cbowCompat) && (parse.GetValue(cbowExact) || parse.GetValue(cbowSum)))
                throw new FastW2VException("--cbow-w2v-compat is word2vec.c's step for the mean: it excludes --cbow-exact-gradient and --cbow-sum.");
            training.Validate();
            var vocabularyOptions = new VocabularyOptions { MinCount = parse.GetValue(minCount), MaxVocab = parse.GetValue(maxVocab), PruneThreshold = parse.GetValue(prune) };
            vocabularyOptions.Validate();
            string? outPath = parse.GetValue(outputFile), vocabPath = parse.GetValue(saveVocab), outputVectors = parse.GetValue(saveOutput);
            if (outPath == null && vocabPath == null) throw new FastW2VException("Nothing to do: give --output FILE (and/or --save-vocab FILE).");
            var outputs = new[] { (outPath, "output file"), (vocabPath, "vocabulary file"), (outputVectors, "output-vectors file"),
                (parse.GetValue(longRun.Checkpoint), "checkpoint file") };
            OutputPaths.CheckDistinct(outputs, [(parse.GetValue(input), "training file"), (parse.GetValue(readVocab), "vocabulary file to read"),
                (parse.GetValue(longRun.InitVectors), "initial vectors file")]);
            // Evaluation files are read before any work, so a typo fails in a second, not after training.
            string? analogyPath = parse.GetValue(evalAnalogy);
            var questions = analogyPath != null ? AnalogyQuestions.Read(analogyPath) : null;
            var pairFiles = SimilarityPairs.Expand(parse.GetValue(evalSimilarity) ?? []).Select(SimilarityPairs.Read).ToList();
            bool evaluate = questions != null || pairFiles.Count > 0;
            if (parse.GetValue(evalEveryEpoch) && !evaluate) throw new FastW2VException("--eval-every-epoch needs --eval-analogy FILE and/or --eval-similarity FILE.");
            if (evaluate && outPath == null) throw new FastW2VException("--eval-analogy and --eval-similarity evaluate trained vectors: give --output FILE.");
            session = mpiOptions.Start(parse, [(checkpoint != null || parse.GetValue(longRun.Checkpoint) != null, "--checkpoint or --resume"),
                (parse.GetValue(evalEveryEpoch), "--eval-every-epoch")]);
            var job = session is { Size: > 1 } ? new FastW2V.Distributed.DistributedTraining(session, mpiOptions.Trigger(parse), mpiOptions.Schedule(parse)) : null;
            // Rank 0 writes every output and prints; the other ranks print nothing but errors (unless --rank-log).
            bool root = job == null || job.Ranks.Rank == 0;
            if (root)
                foreach (var (path, what) in outputs)
                    if (path != null) AtomicFile.CheckWritable(path, what);
            // -debug 0: nothing but errors; 1: the summary; 2 (the default): progress as well.
            bool verbose = !parse.GetValue(quiet) && parse.GetValue(debug) > 0 && (root || parse.GetValue(mpiOptions.RankLog));
            bool jsonProgress = parse.GetValue(progressFormat) == "json", jsonReport = parse.GetValue(json);
            bool showProgress = root && ((verbose && parse.GetValue(debug) > 1) || (jsonProgress && !parse.GetValue(quiet)));
            if (outPath == AtomicFile.StandardOutput && (jsonReport || evaluate))
                throw new FastW2VException($"--output - writes the vectors to standard output: {(jsonReport ? "--json" : "the evaluations")} would be mixed in; give the vectors a file.");
            Action<string>? log = !verbose ? null : job != null && parse.GetValue(mpiOptions.RankLog)
                ? line => error.WriteLine($"[rank {job.Ranks.Rank}] {line}") : error.WriteLine;
            if (job != null) log?.Invoke($"MPI:        rank {job.Ranks.Rank} of {job.Ranks.Size} ({session!.LibraryPath}); merging every {job.Trigger}, {job.Schedule.Name} schedule");

            var source = new CorpusSource(parse.GetValue(input) ?? throw new FastW2VException("Give the training text: -train FILE (or --resume CHECKPOINT)."));
            longRun.Validate(parse, source, parse.GetValue(evalEveryEpoch));
            if (checkpoint != null) LongRunOptions.CheckSameCorpus(checkpoint, source);
            bool force = parse.GetValue(longRun.Force) || forced;
            if (outPath != null && !force) CacheEstimate.Check(source, parse.GetValue(cache));
            string? initPath = parse.GetValue(longRun.InitVectors);
            using var initial = initPath != null && checkpoint == null ? VectorFileReader.Read(initPath) : null;
            if (initial != null && initial.Dimension != training.Dimension)
                throw new FastW2VException($"The initial vectors have {initial.Dimension} dimensions, the model {training.Dimension}: give the same -size.");
            string? readVocabPath = parse.GetValue(readVocab);
            var given = checkpoint?.Vocabulary ?? (readVocabPath != null ? VocabularyFile.Read(readVocabPath, vocabularyOptions) : null);
            using var prepared = CorpusPreparation.Prepare(source, new PreparationOptions
            {
                Threads = training.Threads,
                Vocabulary = vocabularyOptions,
                GivenVocabulary = given,
                Encode = outPath != null,
                CacheFolder = parse.GetValue(cache),
                KeepCache = parse.GetValue(keepCache),
                CheckUtf8 = !parse.GetValue(noUtf8),
                Log = log,
                Ranks = job?.Ranks,
            });
            var vocabulary = prepared.Vocabulary;
            log?.Invoke($"Vocabulary: {vocabulary.Count:N0} words, {vocabulary.TotalCount:N0} training tokens ({prepared.CountTime.TotalSeconds:F2} s counting, {prepared.EncodeTime.TotalSeconds:F2} s encoding)");
            log?.Invoke($"Kernels:    {training.Kernels.Name} ({training.Kernels.Description}), {training.Threads} thread(s)");
            if (vocabPath != null && root) VocabularyFile.Save(vocabulary, vocabPath);
            if (outPath == null) return 0;
            if (!force) MemoryEstimate.Check(vocabulary.Count, training, mpi: job != null);

            if (training.FullSoftmax && vocabulary.Count > 10_000 && root)
            {
                long examples = prepared.Encoded!.TokenCount * training.Iterations * (training.Architecture == Architecture.SkipGram ? training.Window : 1);
                double seconds = FullSoftmaxCost.EstimateSeconds(vocabulary.Count, training.Dimension, examples, training.Threads, training.Kernels);
                error.WriteLine($"warning: the full softmax costs O(V) per prediction; with {vocabulary.Count:N0} words this run needs roughly {TimeSpan.FromSeconds(seconds):d\\.hh\\:mm\\:ss} (--loss ns or hs are the fast approximations).");
            }
            IProgressSink? display = !showProgress ? null : jsonProgress ? new JsonProgress(error) : new ProgressDisplay(error);
            var evaluations = new List<TrainEvaluation>();
            var words = evaluate ? Enumerable.Range(0, vocabulary.Count).Select(i => vocabulary.GetWordBytes(i).ToArray()).ToList() : null;
            void Evaluate(string when, WordVectorModel m)
            {
                using var view = new WordVectors(words!, m.Input, ownsVectors: false);
                var analogy = questions != null ? AnalogyEvaluator.Evaluate(view, questions, 30000, training.Threads) : null;
                var similarity = pairFiles.Count > 0 ? SimilarityEvaluator.Evaluate(view, pairFiles) : null;
                if (jsonReport) { evaluations.Add(new TrainEvaluation(when, analogy, similarity)); return; } // stdout holds the JSON only
                if (analogy is { } r)
                    output.WriteLine($"{when}: analogy {r.Overall.Accuracy:P2} (semantic {r.Semantic.Accuracy:P2}, syntactic {r.Syntactic.Accuracy:P2}; {r.Overall.Seen} of {r.Overall.Total} questions seen)");
                if (similarity != null)
                {
                    output.WriteLine($"{when}: word similarity");
                    EvaluationOutput.SimilarityText(output, similarity);
                }
            }
            Action<int, WordVectorModel>? epochEnd = evaluate && parse.GetValue(evalEveryEpoch) ? (epoch, m) =>
            {
                display?.Finish();
                Evaluate($"Epoch {epoch}", m);
            } : null;
            string? checkpointPath = parse.GetValue(longRun.Checkpoint);
            // The thread count is stored even when it was the default: the positions are per worker.
            string[] arguments = [.. LongRunOptions.Arguments(parse), .. parse.GetResult(threads) is { Implicit: false } ? [] : new[] { "-threads", $"{training.Threads}" }];
            var header = checkpointPath != null ? LongRunOptions.Header(arguments, source, vocabulary, prepared.Encoded!.TokenCount) : null;
            if (checkpoint != null) LongRunOptions.CheckSameTokens(checkpoint, prepared.Encoded!.TokenCount);
            using var stop = Interruption.BeginTraining();
            var control = new TrainingControl
            {
                Stop = stop.Token,
                CheckpointEvery = TimeSpan.FromMinutes(parse.GetValue(longRun.CheckpointEvery)),
                Resume = checkpoint?.State,
                Checkpoint = header == null ? null : (state, model) =>
                {
                    var clock = Stopwatch.StartNew();
                    CheckpointFile.Write(checkpointPath!, header, state, model);
                    string note = $"Checkpoint: {checkpointPath} ({state.WordsDone:N0} words done, written in {clock.Elapsed.TotalSeconds:F1} s)";
                    if (display != null) display.Note(note); else log?.Invoke(note);
                },
                Distributed = job,
                Initialize = model =>
                {
                    if (checkpoint != null) checkpoint.LoadModel(model);
                    else if (initial != null)
                        log?.Invoke($"Initial vectors: {model.InitializeFrom(initial, vocabulary):N0} of {vocabulary.Count:N0} words found in {initPath}");
                },
            };
            TrainingResult result;
            try
            {
                result = Trainer.Train(vocabulary, prepared.Encoded!, training, display != null ? display.Show : null, display?.Interval, epochEnd, control);
            }
            catch (OperationCanceledException)
            {
                display?.Finish();
                if (!root) return Interruption.ExitCode;
                string by = Interruption.Signal != 0 ? $"by {Interruption.SignalName}" : "because another rank was stopped";
                error.WriteLine($"fw2v: stopped {by}" + (checkpointPath != null
                    ? $"; checkpoint written to {checkpointPath} (continue with: fw2v train --resume {checkpointPath})."
                    : "; nothing saved (--checkpoint FILE keeps a stopped run)."));
                return Interruption.ExitCode;
            }
            finally { Interruption.EndTraining(); }
            if (stop.IsCancellationRequested && job == null) // the signal came as training ended: stop before writing
            {
                result.Model.Dispose();
                display?.Finish();
                error.WriteLine($"fw2v: stopped by {Interruption.SignalName} as training ended; nothing written.");
                return Interruption.ExitCode;
            }
            display?.Finish();
            using var model = result.Model;
            if (!root)
            {
                if (log != null) Summary(log, result, prepared, training, TimeSpan.Zero, wall.Elapsed);
                return 0;
            }
            if (evaluate) Evaluate(training.Iterations > 1 && epochEnd != null ? $"Epoch {training.Iterations}" : "Final", model);
            var writeClock = Stopwatch.StartNew();
            bool isBinary = SharedOptions.IsBinary(parse.GetValue(binary), outPath);
            if (classCount > 0) // word2vec.c: the output file holds the classes, not the vectors
                ClassFileWriter.Write(outPath, vocabulary.Count, vocabulary.GetWordBytes, Clustering.WordClasses.Cluster(model.Input, classCount, training.Threads));
            else VectorFileWriter.Write(outPath, vocabulary.Count, vocabulary.GetWordBytes, model.Input, isBinary);
            log?.Invoke(classCount > 0 ? $"Output:     {outPath}: the classes of {vocabulary.Count:N0} words ({classCount} classes, word2vec.c's k-means)"
                : $"Output:     {outPath}: {vocabulary.Count:N0} vectors of dimension {training.Dimension}, {(isBinary ? "binary" : "text")}");
            if (outputVectors != null && model.Output.Rows == 0)
                error.WriteLine("warning: hierarchical softmax alone has no output word vectors; --save-output-vectors is skipped.");
            else if (outputVectors != null) VectorFileWriter.Write(outputVectors, vocabulary.Count, vocabulary.GetWordBytes, model.Output, SharedOptions.IsBinary(parse.GetValue(binary), outputVectors));
            if (log != null)
                Summary(log, result, prepared, training, writeClock.Elapsed, wall.Elapsed);
            if (jsonReport)
            {
                var written = new List<(string, string, string)> { (outPath, classCount > 0 ? "classes" : "vectors", classCount > 0 ? "text" : isBinary ? "binary" : "text") };
                if (outputVectors != null && model.Output.Rows > 0)
                    written.Add((outputVectors, "output-vectors", SharedOptions.IsBinary(parse.GetValue(binary), outputVectors) ? "binary" : "text"));
                if (vocabPath != null) written.Add((vocabPath, "vocabulary", "text"));
                if (checkpointPath != null) written.Add((checkpointPath, "checkpoint", "binary"));
                JsonOutput.Write(output, w => TrainReport.Write(w, training, vocabularyOptions, source, prepared, result, wall.Elapsed, written, evaluations));
            }
            return 0;
        }
    }

    private static void Summary(Action<string> log, TrainingResult r, PreparedCorpus p, TrainingOptions o, TimeSpan write, TimeSpan wall)
    {
        long raw = p.Vocabulary.CorpusTokens > 0 ? p.Vocabulary.CorpusTokens : p.Encoded!.TokenCount;
        // Per epoch, as the workers ended them: the same whatever the progress interval.
        string lossText = r.PerEpoch.Count > 0
            ? string.Join(", ", r.PerEpoch.Select(e => $"epoch {e.Epoch} {e.Loss:F4} ({e.Time.TotalSeconds:F1} s)")) + $"; average {r.AverageLoss:F4}"
            : $"{r.AverageLoss:F4}";
        int threads = r.Threads * r.Ranks; // (in an MPI job: the words and loss of every rank)
        log($"Training:   {r.Words:N0} words ({o.Iterations} epoch(s)) in {r.Elapsed.TotalSeconds:F2} s: {r.WordsPerSecond:N0} words/s, {r.WordsPerSecond / threads:N0} per thread");
        if (r.Sync is { } sync)
            log($"Merging:    {r.Ranks} ranks × {r.Threads} thread(s); {sync.Rounds:N0} rounds, {sync.PayloadBytes / 1e6:N1} MB merged per rank, {sync.Busy.TotalSeconds:F2} s on the merging thread");
        log($"Loss:       {lossText} per example");
        log($"Writing:    {write.TotalSeconds:F2} s");
        log($"Whole run:  {wall.TotalSeconds:F2} s wall, {raw * o.Iterations / wall.TotalSeconds / threads:N0} raw words/s/thread, peak memory {PeakMemory.Megabytes():N0} MB{(r.Ranks > 1 ? " (this rank)" : "")}");
    }
}
