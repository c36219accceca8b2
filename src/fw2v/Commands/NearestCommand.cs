using System.CommandLine;
using FastW2V.Evaluation;
using FastW2V.Formats;

namespace FastW2V.Cli.Commands;

/// <summary>
/// <c>fw2v nn</c>: nearest neighbours by cosine (word2vec.c's distance). The words given make one query,
/// summed; a word written -man is subtracted (+woman added), so <c>nn V "king -man +woman"</c> is an
/// analogy. With no words, one query per line from stdin, as distance reads them.
/// </summary>
internal static class NearestCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var vectors = new Argument<string>("vectors") { Description = "Vector file (text or binary; - = stdin)." };
        var words = new Argument<string[]>("words")
        {
            Description = "One query: its words are summed (-word subtracts, +word adds). "
                + "None: one query per line from stdin.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var k = new Option<int>("-k", "--k") { Description = "Neighbours to show.", DefaultValueFactory = _ => 10 };
        var command = new Command(
            "nn", "Nearest neighbours by cosine similarity (example: fw2v nn vectors.bin \"king -man +woman\" -k 5).")
        {
            vectors, words, k,
        };
        command.SetAction(parse =>
        {
            int count = parse.GetValue(k);
            if (count < 1) throw new FastW2VException($"k must be at least 1 (got {count}).");
            string[] given = parse.GetValue(words) ?? [];
            StandardStreams.CheckOneInput(
                (parse.GetValue(vectors), "vector file"), (given.Length == 0 ? StandardStreams.Name : null, "queries"));
            using var v = VectorFileReader.Read(parse.GetValue(vectors)!);
            using var nn = new NearestNeighbours(v);
            if (given.Length > 0)
            {
                // A query given on the command line that cannot be answered is a failed run.
                var terms = NearestNeighbours.Terms(string.Join(' ', given));
                Answer(nn, v, terms, count, output);
                return 0;
            }
            int unanswered = 0;
            foreach (string line in ReadQueries(output))
            {
                var terms = NearestNeighbours.Terms(line);
                if (terms.Count == 0) continue;
                try { Answer(nn, v, terms, count, output); }
                catch (FastW2VException e) { error.WriteLine($"fw2v: {e.Message}"); unanswered++; }
            }
            return unanswered == 0 ? 0 : Cli.Failure;
        });
        return command;
    }

    private static void Answer(
        NearestNeighbours nn, WordVectors v, List<(string Word, float Sign)> terms, int count, TextWriter output)
    {
        var result = nn.Query(terms, count);
        if (result == null)
            throw new FastW2VException(
                $"out of vocabulary: {string.Join(' ', terms.Where(t => v.Find(t.Word) < 0).Select(t => t.Word))}");
        output.WriteLine($"{string.Join(' ', terms.Select(t => t.Sign < 0 ? "-" + t.Word : t.Word))}:");
        foreach (var (word, cosine) in result) output.WriteLine($"  {word,-24} {cosine:F4}");
    }

    private static IEnumerable<string> ReadQueries(TextWriter output)
    {
        bool prompt = StandardStreams.InputIsTerminal;
        using var input = new StreamReader(StandardStreams.OpenInput());
        while (true)
        {
            if (prompt) output.Write("Enter word or words (EXIT to break): ");
            string? line = input.ReadLine();
            if (line == null && prompt) output.WriteLine(); // Ctrl-D: the shell's prompt starts on its own line
            if (line == null || line.Trim() == "EXIT") yield break;
            yield return line;
        }
    }
}
