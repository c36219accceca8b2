using System.CommandLine;
using FastW2V.Evaluation;
using FastW2V.Formats;

namespace FastW2V.Cli.Commands;

/// <summary>
/// <c>fw2v eval analogy</c> (word2vec.c's compute-accuracy protocol, or 3CosMul) and
/// <c>fw2v eval similarity</c> (Spearman's ρ on word-pair files or folders of them).
/// </summary>
internal static class EvalCommand
{
    public static Command Create(TextWriter output, TextWriter error) => new("eval", "Evaluate word vectors.")
    {
        Analogy(output), Similarity(output),
    };

    private static Command Analogy(TextWriter output)
    {
        var vectors = new Argument<string>("vectors") { Description = "Vector file (text or binary; - = stdin)." };
        var questions = new Argument<string>("questions")
        {
            Description = "Analogy questions (questions-words.txt format; - = stdin).",
        };
        var restrict = new Option<int>("--restrict")
        {
            Description = "Use the N most frequent words (the file's first N).", DefaultValueFactory = _ => 30000,
        };
        var method = new Option<AnalogyMethod>("--method")
        {
            Description = "add (3CosAdd, compute-accuracy's) or mul (3CosMul).",
            DefaultValueFactory = _ => AnalogyMethod.Add,
        };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON." };
        var threads = SharedOptions.Threads();
        var command = new Command(
            "analogy", "Analogy accuracy, exactly as word2vec.c's compute-accuracy (3CosAdd) by default.")
        {
            vectors, questions, restrict, method, json, threads,
        };
        command.SetAction(parse =>
        {
            StandardStreams.CheckOneInput(
                (parse.GetValue(vectors), "vector file"), (parse.GetValue(questions), "questions file"));
            var q = AnalogyQuestions.Read(parse.GetValue(questions)!);
            using var v = VectorFileReader.Read(parse.GetValue(vectors)!);
            var report = AnalogyEvaluator.Evaluate(
                v, q, parse.GetValue(restrict), parse.GetValue(threads), parse.GetValue(method));
            if (parse.GetValue(json)) JsonOutput.Write(output, w => EvaluationOutput.AnalogyJson(w, report));
            else EvaluationOutput.AnalogyText(output, report);
            return 0;
        });
        return command;
    }

    private static Command Similarity(TextWriter output)
    {
        var vectors = new Argument<string>("vectors") { Description = "Vector file (text or binary; - = stdin)." };
        var pairs = new Argument<string[]>("pairs")
        {
            Description = "Word-pair files (word1 word2 score; - = stdin) or folders of them.",
            Arity = ArgumentArity.OneOrMore,
        };
        var restrict = new Option<int>("--restrict")
        {
            Description = "Use only the N most frequent words (0 = all).", DefaultValueFactory = _ => 0,
        };
        var json = new Option<bool>("--json") { Description = "Print the results as JSON." };
        var command = new Command(
            "similarity", "Spearman's rank correlation between cosine similarity and human scores.")
        {
            vectors, pairs, restrict, json,
        };
        command.SetAction(parse =>
        {
            string[] given = parse.GetValue(pairs)!;
            StandardStreams.CheckOneInput(
                [(parse.GetValue(vectors), "vector file"), .. given.Select(p => (p, "word-pair file"))]);
            var files = SimilarityPairs.Expand(given).Select(SimilarityPairs.Read).ToList();
            int n = parse.GetValue(restrict);
            if (n < 0) throw new FastW2VException($"restrict must be 0 (all) or positive (got {n}).");
            using var v = VectorFileReader.Read(parse.GetValue(vectors)!);
            var scores = SimilarityEvaluator.Evaluate(v, files, n);
            if (parse.GetValue(json)) JsonOutput.Write(output, w => EvaluationOutput.SimilarityJson(w, scores));
            else EvaluationOutput.SimilarityText(output, scores);
            return 0;
        });
        return command;
    }
}
