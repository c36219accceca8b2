using System.Xml.Linq;
using FastW2V.Evaluation;
using FastW2V.Formats;
using FastW2V.Storage;
using FastW2V.Visualization;

namespace FastW2V.Tests.Visualization;

/// <summary>Pictures and queries given what a hostile or careless user gives them.</summary>
public class HostileInputTests
{
    private static WordVectors Vectors(params string[] words)
    {
        var matrix = new EmbeddingMatrix(words.Length, 4);
        for (int r = 0; r < words.Length; r++)
            for (int d = 0; d < 4; d++) matrix.RowSpan(r)[d] = (float)Math.Sin(r * 4 + d + 1);
        return new WordVectors(words.Select(w => System.Text.Encoding.UTF8.GetBytes(w)).ToList(), matrix);
    }

    [Test]
    public void Words_with_control_characters_still_make_well_formed_svg()
    {
        using var vectors = Vectors("bell\u0007", "esc\u001b[31m", "nonchar\uffff", "fine", "<tag>&amp;", "other");
        string svg = WordMap.Draw(vectors, ["bell\u0007", "<tag>&amp;", "fine"], neighbours: 4);
        Assert.DoesNotThrow(() => XDocument.Parse(svg));
        Assert.That(svg, Does.Contain("bell\ufffd").And.Contain("&lt;tag&gt;&amp;amp;"));
    }

    [TestCase("{\"epochs\":5}", "not a list")]
    [TestCase("{\"epochs\":[{\"epoch\":\"one\",\"loss\":2}]}", "no loss")]
    [TestCase("{\"epochs\":[1,2,3]}", "no loss")]
    [TestCase("[1,2,3]", "no loss")]
    [TestCase("{\"epochs\":[{\"epoch\":1,\"loss\":1e308},{\"epoch\":2,\"loss\":-1e308}]}", "cannot be drawn")]
    [TestCase("{\"progress\":0.5,\"loss\":1e308}\n{\"progress\":0.9,\"loss\":1}", "cannot be drawn")]
    public void Malformed_loss_logs_are_one_line_errors(string log, string expected)
    {
        var e = Assert.Throws<FastW2VException>(() => LossCurve.Draw(log))!;
        Assert.That(e.Message, Does.Contain(expected));
    }

    [Test]
    public void The_drawn_loss_curve_has_only_finite_coordinates()
    {
        string svg = LossCurve.Draw("{\"epochs\":[{\"epoch\":1,\"loss\":3.5},{\"epoch\":2,\"loss\":2.25}]}");
        Assert.DoesNotThrow(() => XDocument.Parse(svg));
        Assert.That(svg, Does.Not.Contain("NaN").And.Not.Contain("Infinity"));
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase("fine -fine")]
    public void An_empty_query_or_one_that_cancels_out_is_refused(string query)
    {
        using var vectors = Vectors("fine", "other", "third");
        using var nn = new NearestNeighbours(vectors);
        var e = Assert.Throws<FastW2VException>(() => nn.Query(NearestNeighbours.Terms(query), 2))!;
        Assert.That(e.Message, Does.Contain("empty"));
    }

    [Test]
    public void A_query_for_no_neighbours_is_refused()
    {
        using var vectors = Vectors("fine", "other", "third");
        using var nn = new NearestNeighbours(vectors);
        Assert.Throws<FastW2VException>(() => nn.Query(["fine"], 0));
    }
}
