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
        var json = new Option<bool>("--json")
        {
            Description = "Print JSON: one document for a query given here, one object per line for stdin's.",
        };
        var command = new Command(
            "nn", "Nearest neighbours by cosine similarity (example: fw2v nn vectors.bin \"king -man +woman\" -k 5).")
        {
            vectors, words, k, json,
        };
        command.SetAction(parse =>
        {
            int count = parse.GetValue(k);
            if (count < 1) throw new FastW2VException($"k must be at least 1 (got {count}).");
            string[] given = parse.GetValue(words) ?? [];
            StandardStreams.CheckOneInput(
                (parse.GetValue(vectors), "vector file"), (given.Length == 0 ? StandardStreams.Name : null, "queries"));
            bool asJson = parse.GetValue(json);
            using var v = VectorFileReader.Read(parse.GetValue(vectors)!);
            using var nn = new NearestNeighbours(v);
            if (given.Length > 0)
            {
                // A query given on the command line that cannot be answered is a failed run.
                var terms = NearestNeighbours.Terms(string.Join(' ', given));
                Print(output, Query(terms), Answer(nn, v, terms, count), asJson, indented: true);
                return 0;
            }
            int unanswered = 0;
            foreach (string line in ReadQueries(asJson ? TextWriter.Null : output))
            {
                var terms = NearestNeighbours.Terms(line);
                if (terms.Count == 0) continue;
                try { Print(output, Query(terms), Answer(nn, v, terms, count), asJson, indented: false); }
                catch (FastW2VException e)
                {
                    error.WriteLine($"fw2v: {e.Message}");
                    unanswered++;
                    // One line per query on stdout, so that a pipeline pairs its queries with the answers.
                    if (asJson) JsonOutput.Write(output, w => Unanswered(w, Query(terms), e.Message), indented: false);
                }
            }
            return unanswered == 0 ? 0 : Cli.Failure;
        });
        return command;
    }

    /// <summary>The query as the answers' heading writes it: its words, subtracted ones as -word.</summary>
    private static string Query(List<(string Word, float Sign)> terms) =>
        string.Join(' ', terms.Select(t => t.Sign < 0 ? "-" + t.Word : t.Word));

    private static IReadOnlyList<(string Word, float Cosine)> Answer(
        NearestNeighbours nn, WordVectors v, List<(string Word, float Sign)> terms, int count) =>
        nn.Query(terms, count) ?? throw new FastW2VException(
            $"out of vocabulary: {string.Join(' ', terms.Where(t => v.Find(t.Word) < 0).Select(t => t.Word))}");

    private static void Print(
        TextWriter output, string query, IReadOnlyList<(string Word, float Cosine)> answers, bool json, bool indented)
    {
        if (!json)
        {
            NeighbourOutput.Text(output, $"{query}:", answers);
            return;
        }
        JsonOutput.Write(output, w =>
        {
            w.WriteStartObject();
            w.WriteString("query", query);
            NeighbourOutput.Json(w, "neighbours", answers);
            w.WriteEndObject();
        }, indented);
    }

    private static void Unanswered(System.Text.Json.Utf8JsonWriter w, string query, string message)
    {
        w.WriteStartObject();
        w.WriteString("query", query);
        w.WriteString("error", message);
        w.WriteEndObject();
    }

    /// <param name="prompt">Where the prompt goes at a terminal (nowhere when stdout is JSON).</param>
    private static IEnumerable<string> ReadQueries(TextWriter prompt)
    {
        bool terminal = StandardStreams.InputIsTerminal;
        using var input = new StreamReader(StandardStreams.OpenInput());
        while (true)
        {
            if (terminal) prompt.Write("Enter word or words (EXIT to break): ");
            string? line = input.ReadLine();
            if (line == null && terminal) prompt.WriteLine(); // Ctrl-D: the shell's prompt starts on its own line
            if (line == null || line.Trim() == "EXIT") yield break;
            yield return line;
        }
    }
}
