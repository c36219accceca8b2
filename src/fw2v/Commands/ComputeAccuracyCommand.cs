using System.CommandLine;
using FastW2V.Evaluation;
using FastW2V.Formats;

namespace FastW2V.Cli.Commands;

/// <summary>
/// <c>fw2v compute-accuracy VECTORS [N] &lt; questions-words.txt</c>: word2vec.c's compute-accuracy, its
/// arguments and its output (see <see cref="EvaluationOutput.ComputeAccuracyText"/>), answered by the
/// same evaluator as <c>fw2v eval analogy</c>.
/// </summary>
internal static class ComputeAccuracyCommand
{
    public static Command Create(TextReader input, TextWriter output)
    {
        var vectors = new Argument<string?>("vectors")
        {
            Description = "Vector file (word2vec.c's binary format, or text).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var threshold = new Argument<int>("threshold")
        {
            Description = "Use only the N most frequent words (the file's first N); 0 = all. word2vec.c's demo: 30000.",
            Arity = ArgumentArity.ZeroOrOne,
            DefaultValueFactory = _ => 0,
        };
        var command = new Command("compute-accuracy", "word2vec.c's compute-accuracy: analogy accuracy of the "
            + "questions on standard input, in its output format.") { vectors, threshold };
        command.SetAction(parse => Start(parse.GetValue(vectors), parse.GetValue(threshold), input, output));
        return command;
    }

    /// <summary>compute-accuracy on the vector file <paramref name="path"/>; without one, its usage.</summary>
    public static int Start(string? path, int threshold, TextReader input, TextWriter output)
    {
        if (path is null or "--help" or "-h")
        {
            // Without a file compute-accuracy prints its usage and succeeds.
            output.Write("Usage: compute-accuracy <FILE> <threshold>\nwhere FILE contains word projections, and "
                + "threshold is used to reduce vocabulary of the model for fast approximate evaluation "
                + "(0 = off, otherwise typical value is 30000)\n");
            return 0;
        }
        if (threshold < 0)
            throw new FastW2VException($"threshold must be 0 (all words) or positive (got {threshold}).");
        using var v = VectorFileReader.Read(path);
        var questions = AnalogyQuestions.ReadWords(input);
        var report = AnalogyEvaluator.Evaluate(v, questions, threshold == 0 ? int.MaxValue : threshold);
        EvaluationOutput.ComputeAccuracyText(output, report);
        return 0;
    }
}
