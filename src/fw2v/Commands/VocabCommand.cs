using System.CommandLine;
using FastW2V.Formats;
using FastW2V.Vocabularies;

namespace FastW2V.Cli.Commands;

/// <summary><c>fw2v vocab</c>: count a corpus's vocabulary, report counts and speed, optionally save it.</summary>
internal static class VocabCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var input = SharedOptions.Inputs();
        var inputList = SharedOptions.InputList();
        var threads = SharedOptions.Threads();
        var minCount = SharedOptions.MinCount();
        var maxVocab = SharedOptions.MaxVocab();
        var prune = SharedOptions.PruneThreshold();
        var save = SharedOptions.SaveVocab();
        var encode = new Option<bool>("--encode")
        {
            Description = "Also encode the corpus into token ids (timed; the id files are then deleted).",
        };
        var noUtf8 = SharedOptions.NoUtf8Check();
        var quiet = SharedOptions.Quiet();
        var command = new Command("vocab", "Build a vocabulary: counts, timing and MB/s; optionally save it.")
        {
            input, inputList, threads, minCount, maxVocab, prune, save, encode, noUtf8, quiet,
        };
        command.SetAction(parse =>
        {
            var job = new TrainingJob
            {
                Inputs = SharedOptions.InputNames(parse, input, inputList),
                SaveVocabulary = parse.GetValue(save),
                Training = new Training.TrainingOptions { Threads = parse.GetValue(threads) },
                Vocabulary = new VocabularyOptions
                {
                    MinCount = parse.GetValue(minCount), MaxVocab = parse.GetValue(maxVocab),
                    PruneThreshold = parse.GetValue(prune),
                },
                CheckUtf8 = !parse.GetValue(noUtf8),
            };
            bool silent = parse.GetValue(quiet);
            var events = new TrainingEvents { Log = silent ? null : error.WriteLine };
            var corpus = TrainingRun.Count(job, parse.GetValue(encode), events);
            // The report is this command's result, but a vocabulary saved to "-" owns stdout.
            if (!silent) Report(corpus, job, StandardStreams.IsStandard(job.SaveVocabulary) ? error : output);
            return 0;
        });
        return command;
    }

    private static void Report(CorpusSummary c, TrainingJob job, TextWriter output)
    {
        double seconds = c.CountTime.TotalSeconds;
        double mbps = c.InputBytes / 1e6 / seconds;
        output.WriteLine($"Corpus:     {c.Name}: {c.InputBytes:N0} bytes, {c.CorpusTokens:N0} tokens, "
            + $"{c.DistinctWords:N0} distinct words");
        output.WriteLine($"Vocabulary: {c.VocabularyWords:N0} words with count >= {job.Vocabulary.MinCount} "
            + $"(</s> included), {c.TrainingTokens:N0} training tokens");
        output.WriteLine($"Counting:   {seconds:F3} s ({c.MergeTime.TotalSeconds:F3} s of it merging), "
            + $"{c.Shards} shard(s) on {job.Training.Threads} thread(s): {mbps:F0} MB/s, "
            + $"{mbps / c.Shards:F0} MB/s per thread");
        if (c.EncodedTokens > 0)
            output.WriteLine($"Encoding:   {c.EncodeTime.TotalSeconds:F3} s to final ids ({c.EncodedTokens:N0} ids; "
                + "provisional ids were written while counting)");
    }
}
