using System.CommandLine;
using FastW2V.Corpus;
using FastW2V.Vocabularies;
using FastW2V.Preparation;

namespace FastW2V.Cli.Commands;

/// <summary><c>fw2v vocab</c>: count a corpus's vocabulary, report counts and speed, optionally save it.</summary>
internal static class VocabCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var input = SharedOptions.Input();
        var threads = SharedOptions.Threads();
        var minCount = SharedOptions.MinCount();
        var maxVocab = SharedOptions.MaxVocab();
        var prune = SharedOptions.PruneThreshold();
        var save = SharedOptions.SaveVocab();
        var encode = new Option<bool>("--encode") { Description = "Also encode the corpus into token ids (timed; the id files are then deleted)." };
        var noUtf8 = SharedOptions.NoUtf8Check();
        var quiet = SharedOptions.Quiet();
        var command = new Command("vocab", "Build a vocabulary: counts, timing and MB/s; optionally save it.")
        {
            input, threads, minCount, maxVocab, prune, save, encode, noUtf8, quiet,
        };
        command.SetAction(parse =>
        {
            var options = new PreparationOptions
            {
                Threads = parse.GetValue(threads),
                Vocabulary = new VocabularyOptions { MinCount = parse.GetValue(minCount), MaxVocab = parse.GetValue(maxVocab), PruneThreshold = parse.GetValue(prune) },
                Encode = parse.GetValue(encode),
                CheckUtf8 = !parse.GetValue(noUtf8),
                Log = parse.GetValue(quiet) ? null : error.WriteLine,
            };
            string? savePath = parse.GetValue(save);
            if (savePath != null) Formats.AtomicFile.CheckWritable(savePath, "vocabulary file");
            var source = new CorpusSource(parse.GetValue(input)!);
            using var prepared = CorpusPreparation.Prepare(source, options);
            if (savePath != null) VocabularyFile.Save(prepared.Vocabulary, savePath);
            if (!parse.GetValue(quiet)) Report(prepared, source, options, output);
            return 0;
        });
        return command;
    }

    private static void Report(PreparedCorpus p, CorpusSource source, PreparationOptions options, TextWriter output)
    {
        var v = p.Vocabulary;
        double seconds = p.CountTime.TotalSeconds;
        double mbps = p.InputBytes / 1e6 / seconds;
        output.WriteLine($"Corpus:     {source.DisplayName}: {p.InputBytes:N0} bytes, {v.CorpusTokens:N0} tokens, {v.DistinctWords:N0} distinct words");
        output.WriteLine($"Vocabulary: {v.Count:N0} words with count >= {options.Vocabulary.MinCount} (</s> included), {v.TotalCount:N0} training tokens");
        output.WriteLine($"Counting:   {seconds:F3} s ({p.MergeTime.TotalSeconds:F3} s of it merging), {p.Shards} shard(s) on {options.Threads} thread(s): {mbps:F0} MB/s, {mbps / p.Shards:F0} MB/s per thread");
        if (p.Encoded is { } e)
            output.WriteLine($"Encoding:   {p.EncodeTime.TotalSeconds:F3} s to final ids ({e.TokenCount:N0} ids; provisional ids were written while counting)");
    }
}
