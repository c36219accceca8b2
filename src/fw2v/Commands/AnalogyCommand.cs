using System.CommandLine;
using FastW2V.Evaluation;
using FastW2V.Formats;

namespace FastW2V.Cli.Commands;

/// <summary><c>fw2v analogy VECTORS a b c</c>: a is to b as c is to ?, the k best answers by 3CosAdd.</summary>
internal static class AnalogyCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var vectors = new Argument<string>("vectors") { Description = "Vector file (text or binary; - = stdin)." };
        var words = new Argument<string[]>("words")
        {
            Description = "a b c: a is to b as c is to ?", Arity = new ArgumentArity(3, 3),
        };
        var k = new Option<int>("-k") { Description = "Answers to show.", DefaultValueFactory = _ => 10 };
        var json = new Option<bool>("--json") { Description = "Print the answers as one JSON document." };
        var command = new Command(
            "analogy", "Answer one analogy: a is to b as c is to ? (nearest words to b − a + c).")
        {
            vectors, words, k, json,
        };
        command.SetAction(parse =>
        {
            int count = parse.GetValue(k);
            if (count < 1) throw new FastW2VException($"k must be at least 1 (got {count}).");
            string[] abc = parse.GetValue(words)!;
            using var v = VectorFileReader.Read(parse.GetValue(vectors)!);
            using var nn = new NearestNeighbours(v);
            var result = nn.Analogy(abc[0], abc[1], abc[2], count);
            if (result == null)
                throw new FastW2VException($"out of vocabulary: {string.Join(' ', abc.Where(w => v.Find(w) < 0))}");
            if (!parse.GetValue(json))
            {
                NeighbourOutput.Text(output, $"{abc[0]} : {abc[1]} :: {abc[2]} : ?", result);
                return 0;
            }
            JsonOutput.Write(output, w =>
            {
                w.WriteStartObject();
                w.WriteString("a", abc[0]);
                w.WriteString("b", abc[1]);
                w.WriteString("c", abc[2]);
                NeighbourOutput.Json(w, "answers", result);
                w.WriteEndObject();
            });
            return 0;
        });
        return command;
    }
}
