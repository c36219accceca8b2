using System.CommandLine;
using FastW2V.Evaluation;
using FastW2V.Formats;

namespace FastW2V.Cli.Commands;

/// <summary><c>fw2v eval analogy</c>: word2vec.c's compute-accuracy protocol on a vector file.</summary>
internal static class EvalCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var vectors = new Argument<string>("vectors") { Description = "Vector file (text or binary)." };
        var questions = new Argument<string>("questions") { Description = "Analogy questions (questions-words.txt format)." };
        var restrict = new Option<int>("--restrict") { Description = "Use the N most frequent words (the file's first N).", DefaultValueFactory = _ => 30000 };
        var threads = SharedOptions.Threads();
        var analogy = new Command("analogy", "Analogy accuracy, exactly as word2vec.c's compute-accuracy (3CosAdd).") { vectors, questions, restrict, threads };
        analogy.SetAction(parse =>
        {
            int n = parse.GetValue(restrict);
            if (n < 1) throw new FastW2VException($"restrict must be at least 1 (got {n}).");
            using var v = VectorFileReader.Read(parse.GetValue(vectors)!);
            var q = AnalogyQuestions.Read(parse.GetValue(questions)!);
            var report = AnalogyEvaluator.Evaluate(v, q, n, parse.GetValue(threads));
            foreach (var s in report.Sections)
                output.WriteLine($"{s.Name,-30} {s.Accuracy,8:P2}  ({s.Correct} / {s.Seen})");
            foreach (var s in new[] { report.Semantic, report.Syntactic, report.Overall })
                output.WriteLine($"{s.Name.ToUpperInvariant(),-30} {s.Accuracy,8:P2}  ({s.Correct} / {s.Seen})");
            output.WriteLine($"Questions seen / total: {report.Overall.Seen} / {report.Overall.Total} ({(double)report.Overall.Seen / report.Overall.Total:P2}), {report.Restrict} words, {report.Elapsed.TotalSeconds:F2} s");
            return 0;
        });
        return new Command("eval", "Evaluate word vectors.") { analogy };
    }
}
