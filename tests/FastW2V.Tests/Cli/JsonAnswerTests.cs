using System.Globalization;
using System.Text.Json;
using static FastW2V.Tests.Cli.CliHarness;

namespace FastW2V.Tests.Cli;

/// <summary><c>nn --json</c> and <c>analogy --json</c>: the answers the text shows, as JSON to parse.</summary>
public class JsonAnswerTests
{
    private static string Vectors(TempFolder temp) => temp.Write("v.txt",
        "6 3\nman 1 0 0\nwoman 1 1 0\nking 1 0 1\nqueen 1 1 1\nfrance 0 0 1\nparis 0.1 0.2 1\n");

    /// <summary>The "  word  0.1234" lines of the text output.</summary>
    private static List<(string Word, string Cosine)> TextAnswers(string text) =>
        text.Split('\n').Where(l => l.StartsWith("  "))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(p => (p[0], p[1])).ToList();

    private static List<(string Word, string Cosine)> JsonAnswers(JsonElement array) =>
        array.EnumerateArray()
            .Select(e => (e.GetProperty("word").GetString()!,
                e.GetProperty("cosine").GetDouble().ToString("F4", CultureInfo.InvariantCulture)))
            .ToList();

    [Test]
    public void Nn_json_is_one_document_matching_the_text()
    {
        using var temp = new TempFolder();
        string vectors = Vectors(temp);
        var text = Run("nn", vectors, "king -man +woman", "-k", "3");
        var (code, output, err) = Run("nn", vectors, "king -man +woman", "-k", "3", "--json");
        Assert.That(code, Is.Zero, err);
        using var doc = JsonDocument.Parse(output);
        Assert.That(doc.RootElement.GetProperty("query").GetString(), Is.EqualTo("king -man woman"));
        var answers = JsonAnswers(doc.RootElement.GetProperty("neighbours"));
        Assert.That(answers, Has.Count.EqualTo(3));
        Assert.That(answers, Is.EqualTo(TextAnswers(text.Out)));
    }

    [Test]
    public void Nn_json_from_standard_input_is_one_object_per_query()
    {
        using var temp = new TempFolder();
        string vectors = Vectors(temp);
        var (code, output, err) = RunPiped("king\nberlin\nqueen france\n", "nn", vectors, "-k", "2", "--json");
        Assert.That(code, Is.EqualTo(1), err); // one query could not be answered
        Assert.That(err.Trim(), Is.EqualTo("fw2v: out of vocabulary: berlin"));
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(3), output);
        var docs = lines.Select(l => JsonDocument.Parse(l)).ToList();
        Assert.That(docs.Select(d => d.RootElement.GetProperty("query").GetString()),
            Is.EqualTo(new[] { "king", "berlin", "queen france" }));
        Assert.That(docs[1].RootElement.GetProperty("error").GetString(), Does.Contain("berlin"));
        var text = Run("nn", vectors, "queen", "france", "-k", "2");
        Assert.That(JsonAnswers(docs[2].RootElement.GetProperty("neighbours")), Is.EqualTo(TextAnswers(text.Out)));
        foreach (var d in docs) d.Dispose();
    }

    [Test]
    public void Analogy_json_is_one_document_matching_the_text()
    {
        using var temp = new TempFolder();
        string vectors = Vectors(temp);
        var text = Run("analogy", vectors, "man", "woman", "king", "-k", "2");
        var (code, output, err) = Run("analogy", vectors, "man", "woman", "king", "-k", "2", "--json");
        Assert.That(code, Is.Zero, err);
        using var doc = JsonDocument.Parse(output);
        Assert.That(doc.RootElement.GetProperty("c").GetString(), Is.EqualTo("king"));
        var answers = JsonAnswers(doc.RootElement.GetProperty("answers"));
        Assert.That(answers[0].Word, Is.EqualTo("queen"));
        Assert.That(answers, Is.EqualTo(TextAnswers(text.Out)));
    }
}
