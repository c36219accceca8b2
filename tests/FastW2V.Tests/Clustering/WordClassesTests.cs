using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using FastW2V.Tests.Cli;

namespace FastW2V.Tests.Clustering;

/// <summary>
/// The classes equal word2vec.c's k-means. The digests are of what word2vec.c's k-means loop (copied
/// from its TrainModel into a harness that reads a binary vector file, gcc 12 -O2) printed for the same
/// generated vectors: 600 words, 24 dimensions, values from an LCG (the same generator made its input).
/// </summary>
public class WordClassesTests
{
    private static string Vectors(TempFolder temp)
    {
        const int Words = 600, Dim = 24;
        long x = 20261122;
        var bytes = new List<byte>(Encoding.ASCII.GetBytes($"{Words} {Dim}\n"));
        Span<byte> f = stackalloc byte[4];
        for (int i = 0; i < Words; i++)
        {
            bytes.AddRange(Encoding.ASCII.GetBytes($"w{i} "));
            for (int d = 0; d < Dim; d++)
            {
                x = (x * 1103515245 + 12345) & 0x7fffffff;
                BinaryPrimitives.WriteSingleLittleEndian(f, (float)(x / 2147483648.0 - 0.5 + (i % 5 == d % 5 ? 0.3 : 0.0)));
                bytes.AddRange(f.ToArray());
            }
            bytes.Add((byte)'\n');
        }
        return temp.Write("vec.bin", bytes.ToArray());
    }

    [TestCase(1, "241a05168ec1caca208a2d5a27cd1525bed659e1da8d0ca6e157f4149cce0fba")]
    [TestCase(7, "7a65b2290d9550273c0c4ffd6ba45b92ddd6b923bfd7188bf07c6556d355b400")]
    [TestCase(40, "cbbd71d5199c3fd71fb7be49b43a5aa7f1b58b1de97e1561f95fde41e2ce27e7")]
    public void Classes_equal_word2vec_c_kmeans(int k, string sha)
    {
        using var temp = new TempFolder();
        string vectors = Vectors(temp);
        foreach (string threads in new[] { "1", "2" })
        {
            var (code, _, err) = CliHarness.Run("classes", vectors, k.ToString(), "-o", temp.File("classes.txt"), "-threads", threads);
            Assert.That(code, Is.EqualTo(0), err);
            Assert.That(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(temp.File("classes.txt")))), Is.EqualTo(sha), $"{threads} thread(s)");
        }
    }

    [Test]
    public void Train_with_classes_writes_one_class_per_vocabulary_word()
    {
        using var temp = new TempFolder();
        var (code, _, err) = CliHarness.Run("-train", TestData.RequireShared(TestData.Lee), "-output", temp.File("classes.txt"), "-classes", "20",
            "-iter", "1", "-size", "20", "-debug", "0");
        Assert.That(code, Is.EqualTo(0), err);
        var lines = File.ReadAllLines(temp.File("classes.txt"));
        Assert.That(lines[0], Does.StartWith("</s> "), "vocabulary order, </s> first, as word2vec.c");
        var classes = lines.Select(l => int.Parse(l[(l.LastIndexOf(' ') + 1)..])).ToArray();
        Assert.That(classes, Has.All.InRange(0, 19));
        Assert.That(classes.Distinct().Count(), Is.GreaterThan(10), "the words spread over the classes");
    }

    [Test]
    public void Bad_class_counts_are_one_line_errors()
    {
        using var temp = new TempFolder();
        string vectors = Vectors(temp);
        CliHarness.AssertOneLine(CliHarness.Run("classes", vectors, "0", "-o", temp.File("c.txt")), "between 1 and the number of words");
        CliHarness.AssertOneLine(CliHarness.Run("classes", vectors, "25000000", "-o", temp.File("c.txt")), "between 1 and the number of words");
        CliHarness.AssertOneLine(CliHarness.Run("classes", vectors, "5", "-o", vectors), "same file");
        Assert.That(File.Exists(temp.File("c.txt")), Is.False);
    }
}
