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

/// <summary>The projector export and normalisation under odd words and values.</summary>
public class ProjectorAndNormsTests
{
    private static WordVectors Vectors(string[] words, Func<int, int, float> value)
    {
        var matrix = new EmbeddingMatrix(words.Length, 4);
        for (int r = 0; r < words.Length; r++)
            for (int d = 0; d < 4; d++) matrix.RowSpan(r)[d] = value(r, d);
        return new WordVectors(words.Select(w => System.Text.Encoding.UTF8.GetBytes(w)).ToList(), matrix);
    }

    [Test]
    public void Metadata_has_one_line_per_vector_whatever_the_words_hold()
    {
        using var temp = new TempFolder();
        using var vectors = Vectors(["tab\there", "new\nline", "cr\rhere", "plain"], (r, d) => r + d + 1);
        ProjectorExport.Write(vectors, temp.Path);
        var metadata = File.ReadAllText(temp.File("metadata.tsv")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(metadata, Is.EqualTo(new[] { "tab\\there", "new\\nline", "cr\\rhere", "plain" }));
        Assert.That(File.ReadAllLines(temp.File("vectors.tsv")), Has.Length.EqualTo(4));
    }

    [Test]
    public void A_failing_export_leaves_both_old_files_as_they_were()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("vectors.tsv"), "old vectors\n");
        Directory.CreateDirectory(temp.File("metadata.tsv")); // cannot be replaced by a file
        using var vectors = Vectors(["a", "b"], (r, d) => r + d + 1);
        Assert.Throws<FastW2VException>(() => ProjectorExport.Write(vectors, temp.Path));
        Assert.That(File.ReadAllText(temp.File("vectors.tsv")), Is.EqualTo("old vectors\n"));
        Assert.That(Directory.GetFiles(temp.Path), Has.Length.EqualTo(1), "no temporary file is left");
        Assert.Throws<FastW2VException>(() => ProjectorExport.Write(vectors, temp.Path, limit: -5));
    }

    [TestCase(3e19f)]
    [TestCase(1e-41f)]
    public void Huge_and_denormal_vectors_still_have_cosines(float scale)
    {
        using var vectors = Vectors(["a", "b", "c"], (r, d) => scale * (r == d ? 2 : 1));
        using var nn = new NearestNeighbours(vectors);
        var answer = nn.Query(["a"], 2)!;
        Assert.That(answer.Select(a => a.Cosine), Has.All.GreaterThan(0.5f).And.All.LessThanOrEqualTo(1.0001f));
    }

    [TestCase(-1L, 100f, "min-count")]
    [TestCase(5L, float.PositiveInfinity, "finite")]
    public void Phrase_options_out_of_range_are_refused(long minCount, float threshold, string expected)
    {
        var options = new FastW2V.Phrases.PhraseOptions { MinCount = minCount, Threshold = threshold };
        Assert.That(Assert.Throws<FastW2VException>(options.Validate)!.Message, Does.Contain(expected));
    }
}

/// <summary>Vector files as editors and other tools leave them.</summary>
public class VectorFileOddityTests
{
    [Test]
    public void A_byte_order_mark_before_the_header_is_skipped()
    {
        using var temp = new TempFolder();
        string path = temp.Write("v.txt", [0xEF, 0xBB, 0xBF, .. "2 3\nfine 1 2 3\nother 3 2 1\n"u8.ToArray()]);
        using var vectors = VectorFileReader.Read(path);
        Assert.That(vectors.Count, Is.EqualTo(2));
        Assert.That(vectors.GetWord(0), Is.EqualTo("fine"));
    }

    [TestCase("a\tb")]
    [TestCase("a\rb")]
    [TestCase("a\nb")]
    public void A_binary_word_with_a_tab_newline_or_cr_is_refused_naming_its_vector(string word)
    {
        using var temp = new TempFolder();
        var bytes = new List<byte>();
        bytes.AddRange("2 2\nfine "u8.ToArray());
        bytes.AddRange(BitConverter.GetBytes(1f).Concat(BitConverter.GetBytes(2f)));
        bytes.Add((byte)'\n');
        bytes.AddRange(System.Text.Encoding.UTF8.GetBytes(word + " "));
        bytes.AddRange(BitConverter.GetBytes(3f).Concat(BitConverter.GetBytes(4f)));
        bytes.Add((byte)'\n');
        string path = temp.Write("v.bin", bytes.ToArray());
        var e = Assert.Throws<FastW2VException>(() => VectorFileReader.Read(path).Dispose())!;
        Assert.That(e.Message, Does.Contain("vector 2"));
    }
}
