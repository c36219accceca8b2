using System.Text.Json;
using static FastW2V.Tests.Cli.CliHarness;

namespace FastW2V.Tests.Cli;

/// <summary>`fw2v bench` on what the user names, or on its built-in synthetic corpus.</summary>
public class BenchTests
{
    [Test]
    public void With_no_corpus_bench_trains_the_synthetic_corpus_and_reads_no_file()
    {
        using var temp = new TempFolder();
        // A corpus where bench used to look for one: it must not be read.
        Directory.CreateDirectory(temp.File("data"));
        File.WriteAllText(temp.File("data/enwiki.txt"), "not to be read\n");
        string before = Environment.CurrentDirectory;
        Environment.CurrentDirectory = temp.Path;
        try
        {
            var (code, text, err) = Run("bench", "--synthetic-words", "300000", "--threads", "1", "--json", "-size", "16");
            Assert.That(code, Is.Zero, err);
            var doc = JsonDocument.Parse(text).RootElement;
            Assert.That(doc.GetProperty("corpus").GetString(), Does.StartWith("synthetic Zipf corpus"));
            Assert.That(doc.GetProperty("corpusWords").GetInt64(), Is.GreaterThan(300_000));
            Assert.That(doc.GetProperty("vocabulary").GetInt32(), Is.GreaterThan(1_000));
        }
        finally { Environment.CurrentDirectory = before; }
        Assert.That(Directory.GetDirectories(Path.GetTempPath(), "fw2v-bench-*"), Is.Empty, "the synthetic text is deleted");
    }

    [Test]
    public void The_synthetic_corpus_is_the_same_text_everywhere_and_zipf_shaped()
    {
        using var temp = new TempFolder();
        SyntheticCorpus.Write(temp.File("a.txt"), 200_000);
        SyntheticCorpus.Write(temp.File("b.txt"), 200_000);
        Assert.That(File.ReadAllBytes(temp.File("a.txt")), Is.EqualTo(File.ReadAllBytes(temp.File("b.txt"))));
        var counts = File.ReadAllText(temp.File("a.txt")).Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries)
            .GroupBy(w => w).ToDictionary(g => g.Key, g => g.Count());
        Assert.That(counts.Values.Sum(), Is.EqualTo(200_000));
        // Rank 1 is about twice as frequent as rank 2, ten times rank 10.
        Assert.That(counts["a"] / (double)counts["b"], Is.EqualTo(2).Within(0.2));
        Assert.That(counts["a"] / (double)counts["j"], Is.EqualTo(10).Within(1.5));
    }

    [Test]
    public void Quick_mode_slices_a_named_corpus()
    {
        var (code, text, err) = Run("bench", "--corpus", TestData.RequireShared(TestData.Lee), "--quick", "--threads", "1",
            "--json", "-size", "16");
        Assert.That(code, Is.Zero, err);
        Assert.That(JsonDocument.Parse(text).RootElement.GetProperty("corpus").GetString(), Does.Contain("first"));
    }
}
