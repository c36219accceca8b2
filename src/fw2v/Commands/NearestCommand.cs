using System.CommandLine;
using FastW2V.Evaluation;
using FastW2V.Formats;

namespace FastW2V.Cli.Commands;

/// <summary><c>fw2v nn</c>: nearest neighbours by cosine, for words given or read from stdin (like word2vec.c's distance).</summary>
internal static class NearestCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var vectors = new Argument<string>("vectors") { Description = "Vector file (text or binary)." };
        var words = new Argument<string[]>("words") { Description = "Query words; several words are summed. None: read one query per line from stdin.", Arity = ArgumentArity.ZeroOrMore };
        var k = new Option<int>("-k") { Description = "Neighbours to show.", DefaultValueFactory = _ => 10 };
        var command = new Command("nn", "Nearest neighbours by cosine similarity.") { vectors, words, k };
        command.SetAction(parse =>
        {
            int count = parse.GetValue(k);
            if (count < 1) throw new FastW2VException($"k must be at least 1 (got {count}).");
            using var v = VectorFileReader.Read(parse.GetValue(vectors)!);
            using var nn = new NearestNeighbours(v);
            var queries = parse.GetValue(words) is { Length: > 0 } given ? given.Select(w => new[] { w }) : ReadQueries(output);
            foreach (var query in queries)
            {
                var result = nn.Query(query, count);
                if (result == null) { output.WriteLine($"{string.Join(' ', query)}: out of vocabulary"); continue; }
                output.WriteLine($"{string.Join(' ', query)}:");
                foreach (var (word, cosine) in result) output.WriteLine($"  {word,-24} {cosine:F4}");
            }
            return 0;
        });
        return command;
    }

    private static IEnumerable<string[]> ReadQueries(TextWriter output)
    {
        bool prompt = !Console.IsInputRedirected;
        while (true)
        {
            if (prompt) output.Write("Enter word or words (EXIT to break): ");
            string? line = Console.ReadLine();
            if (line == null || line.Trim() == "EXIT") yield break;
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length > 0) yield return parts;
        }
    }
}
