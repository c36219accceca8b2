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

/// <summary>`fw2v bench --vs`: fw2v against the trainers the user has, on the same job.</summary>
public class BenchPeersTests
{
    [Test]
    public void Against_fasttext_both_train_the_same_job_and_the_ratio_is_their_times()
    {
        if (!File.Exists("/usr/bin/fasttext")) Assert.Ignore("fastText's CLI is not installed (apt-get install fasttext)");
        var (code, text, err) = Run("bench", "--synthetic-words", "200000", "--threads", "2", "--vs",
            "fasttext=/usr/bin/fasttext", "--json", "-size", "16");
        Assert.That(code, Is.Zero, err);
        var trainers = JsonDocument.Parse(text).RootElement.GetProperty("trainers").EnumerateArray().ToList();
        Assert.That(trainers.Select(t => t.GetProperty("name").GetString()), Is.EqualTo(new[] { "fw2v", "fasttext" }));
        double ours = trainers[0].GetProperty("seconds").GetDouble(), theirs = trainers[1].GetProperty("seconds").GetDouble();
        Assert.That(trainers[1].GetProperty("fw2vSpeedup").GetDouble(), Is.EqualTo(theirs / ours).Within(0.01));
        Assert.That(err, Does.Contain("fasttext:").And.Contain("fw2v:"));
    }

    [TestCase("word2vec")]
    [TestCase("gensim=/usr/bin/python3")]
    [TestCase("fasttext=")]
    public void A_bad_peer_is_one_line(string vs) =>
        AssertOneLine(Run("bench", "--synthetic-words", "1000", "--vs", vs), "--vs takes NAME=PATH");

    [Test]
    public void A_peer_that_cannot_start_is_one_error_line()
    {
        var (code, _, err) = Run("bench", "--synthetic-words", "20000", "--vs", "word2vec=/nonexistent/word2vec", "-size", "8");
        Assert.That(code, Is.EqualTo(1));
        Assert.That(err.TrimEnd().Split('\n').Where(l => l.StartsWith("fw2v: error:")).ToList(),
            Has.One.Contains("Cannot start word2vec"));
        Assert.That(err, Does.Not.Contain("internal error"));
    }

    [Test]
    public void Each_peer_is_told_the_same_job()
    {
        var options = new FastW2V.Training.TrainingOptions
        {
            Architecture = FastW2V.Training.Architecture.SkipGram, Dimension = 50, Window = 7, Negative = 3,
            Sample = 1e-4, Iterations = 2,
        };
        var w2v = new Peer("word2vec", "w", []).Arguments(options, "c.txt", "out", 4);
        Assert.That(string.Join(' ', w2v), Is.EqualTo("-train c.txt -output out -cbow 0 -size 50 -window 7 -negative 3 "
            + "-hs 0 -sample 0.0001 -iter 2 -threads 4 -min-count 5 -alpha 0.025 -binary 1"));
        var ft = new Peer("fasttext", "f", []).Arguments(options, "c.txt", "out", 4);
        Assert.That(string.Join(' ', ft), Is.EqualTo("skipgram -input c.txt -output out -dim 50 -ws 7 -neg 3 -loss ns "
            + "-t 0.0001 -epoch 2 -thread 4 -minCount 5 -minn 0 -maxn 0 -lr 0.025 -verbose 0"));
    }
}
