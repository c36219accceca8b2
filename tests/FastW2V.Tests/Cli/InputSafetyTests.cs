using System.Text;
using static FastW2V.Tests.Cli.CliHarness;

namespace FastW2V.Tests.Cli;

/// <summary>What inputs hold: vocabulary files, vector files, and the messages.</summary>
public class InputSafetyTests
{
    private static string Lee => TestData.RequireShared(TestData.Lee);

    private static string[] TrainWithVocab(TempFolder temp, string vocab) =>
        ["train", "-train", Lee, "-read-vocab", vocab, "-output", temp.File("vectors.txt"), "-size", "8", "-iter", "1", "-threads", "1", "-q", "--cache", temp.File("cache")];

    [Test]
    public void A_vocabulary_whose_counts_add_past_the_largest_integer_is_one_line()
    {
        using var temp = new TempFolder();
        string vocab = temp.Write("v.txt", $"the {long.MaxValue}\nof {long.MaxValue}\n");
        AssertOneLine(Run(TrainWithVocab(temp, vocab)), "add up past");
    }

    [Test]
    public void A_vocabulary_that_shares_no_word_with_the_corpus_is_one_line()
    {
        using var temp = new TempFolder();
        string vocab = temp.Write("v.txt", "zzzqqq 100\nxxxyyy 50\n");
        AssertOneLine(Run(TrainWithVocab(temp, vocab)), "is in the vocabulary");
        Assert.That(File.Exists(temp.File("vectors.txt")), Is.False);
    }

    [TestCase(new byte[] { (byte)'a', 0, (byte)'b', (byte)' ', (byte)'5', (byte)'\n' }, "NUL")]
    [TestCase(new byte[] { (byte)'a', 0xC3, 0x28, (byte)' ', (byte)'5', (byte)'\n' }, "invalid UTF-8")]
    public void A_vocabulary_with_a_nul_or_invalid_utf8_is_one_line(byte[] bytes, string what)
    {
        using var temp = new TempFolder();
        string vocab = temp.Write("v.txt", bytes);
        AssertOneLine(Run(TrainWithVocab(temp, vocab)), what);
    }

    [TestCase("NaN")]
    [TestCase("Infinity")]
    [TestCase("-Infinity")]
    [TestCase("1e39")] // past float's range: parsed as infinity
    public void Text_vectors_with_a_non_finite_value_are_refused_naming_the_line(string value)
    {
        using var temp = new TempFolder();
        string vectors = temp.Write("v.txt", $"2 2\nking 0.1 0.2\nqueen 0.3 {value}\n");
        AssertOneLine(Run("nn", vectors, "king"), "line 3, value 2");
    }

    [Test]
    public void Binary_vectors_with_a_nan_are_refused_naming_the_vector()
    {
        using var temp = new TempFolder();
        var bytes = new List<byte>(Encoding.ASCII.GetBytes("2 2\n"));
        foreach (var (word, a, b) in new[] { ("king", 0.1f, 0.2f), ("queen", float.NaN, 0.4f) })
        {
            bytes.AddRange(Encoding.ASCII.GetBytes(word + " "));
            bytes.AddRange(BitConverter.GetBytes(a));
            bytes.AddRange(BitConverter.GetBytes(b));
            bytes.Add((byte)'\n');
        }
        string vectors = temp.Write("v.bin", bytes.ToArray());
        AssertOneLine(Run("nn", vectors, "king"), "vector 2 ('queen'), value 1");
    }

    [Test]
    public void A_word_given_two_vectors_is_refused_naming_both()
    {
        using var temp = new TempFolder();
        string vectors = temp.Write("v.txt", "3 2\nking 0.1 0.2\nqueen 0.3 0.4\nking 0.5 0.6\n");
        AssertOneLine(Run("convert", vectors, temp.File("out.bin"), "--binary"), "vector 3 repeats the word 'king' of vector 1");
        Assert.That(File.Exists(temp.File("out.bin")), Is.False);
    }

    [Test]
    public void A_header_of_zero_vectors_says_so()
    {
        using var temp = new TempFolder();
        string vectors = temp.Write("v.txt", "0 20\n");
        AssertOneLine(Run("nn", vectors, "king"), "declares 0 vectors");
    }

    [Test]
    public void Max_vocab_1_blames_max_vocab_not_min_count()
    {
        using var temp = new TempFolder();
        AssertOneLine(Run("vocab", "-train", Lee, "-max-vocab", "1"), "max-vocab must be 0 (no limit) or at least 2");
    }

    [Test]
    public void An_unknown_command_is_named()
    {
        AssertOneLine(Run("trian", "-train", "x"), "unknown command 'trian'", expected: 2);
    }

    [Test]
    public void Bench_refuses_flags_that_are_not_0_or_1()
    {
        AssertOneLine(Run("bench", "-hs", "7", "-cbow", "0"), "hs must be 0 or 1 (got 7)");
        AssertOneLine(Run("bench", "-cbow", "5"), "cbow must be 0 or 1 (got 5)");
    }
}
