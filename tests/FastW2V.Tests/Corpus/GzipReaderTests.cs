using System.IO.Compression;
using FastW2V.Corpus;
using FastW2V.Preparation;
using FastW2V.Vocabularies;

namespace FastW2V.Tests.Corpus;

/// <summary>A cut or garbage-trailed .gz is refused; concatenated members are valid.</summary>
public class GzipReaderTests
{
    private static byte[] Gzip(byte[] text)
    {
        using var buffer = new MemoryStream();
        using (var z = new GZipStream(buffer, CompressionLevel.Fastest)) z.Write(text);
        return buffer.ToArray();
    }

    private static byte[] Lee => File.ReadAllBytes(TestData.RequireShared(TestData.Lee));

    private static long Tokens(string path)
    {
        using var prepared = CorpusPreparation.Prepare(new CorpusSource(path), new PreparationOptions
        {
            Threads = 1, Vocabulary = new VocabularyOptions { MinCount = 1 },
        });
        return prepared.Vocabulary.CorpusTokens;
    }

    [Test]
    public void Concatenated_members_are_one_corpus()
    {
        using var temp = new TempFolder();
        byte[] lee = Lee;
        string two = temp.Write("two.gz", [.. Gzip(lee), .. Gzip(lee)]);
        string plain = temp.Write("two.txt", [.. lee, .. lee]);
        Assert.That(Tokens(two), Is.EqualTo(Tokens(plain)));
    }

    [TestCase(10)]
    [TestCase(1000)]
    [TestCase(-8)] // the trailer (CRC and length) cut off
    [TestCase(-1)]
    public void A_truncated_file_is_refused(int keep)
    {
        using var temp = new TempFolder();
        byte[] gz = Gzip(Lee);
        string cut = temp.Write("cut.gz", gz[..(keep > 0 ? keep : gz.Length + keep)]);
        Assert.That(() => Tokens(cut), Throws.TypeOf<FastW2VException>().With.Message.Contains("truncated"));
    }

    [Test]
    public void Trailing_garbage_is_refused()
    {
        using var temp = new TempFolder();
        string path = temp.Write("g.gz", [.. Gzip(Lee), .. "garbage\n"u8]);
        Assert.That(() => Tokens(path), Throws.TypeOf<FastW2VException>().With.Message.Contains("trailing garbage"));
    }

    [Test]
    public void A_wrong_checksum_is_refused()
    {
        using var temp = new TempFolder();
        byte[] gz = Gzip(Lee);
        gz[^6] ^= 0xFF; // inside the CRC-32
        string path = temp.Write("crc.gz", gz);
        Assert.That(() => Tokens(path), Throws.TypeOf<FastW2VException>().With.Message.Contains("corrupt"));
    }

    [Test]
    public void A_truncated_corpus_leaves_the_previous_output_untouched()
    {
        using var temp = new TempFolder();
        byte[] gz = Gzip(Lee);
        string cut = temp.Write("cut.gz", gz[..(gz.Length / 2)]);
        string output = temp.Write("v.txt", "precious");
        var error = new StringWriter();
        int code = FastW2V.Cli.Cli.Run(["train", "-train", cut, "-output", output, "--cache", temp.File("cache")], new StringWriter(), error);
        Assert.That(code, Is.EqualTo(1));
        Assert.That(error.ToString().TrimEnd().Split('\n'), Has.Length.EqualTo(1), error.ToString());
        Assert.That(File.ReadAllText(output), Is.EqualTo("precious"));
    }

    [Test]
    public void Zero_padding_after_the_last_member_is_accepted_as_gzip_does()
    {
        using var temp = new TempFolder();
        byte[] lee = Lee;
        string padded = temp.Write("p.gz", [.. Gzip(lee), .. new byte[700]]);
        string plain = temp.Write("p.txt", lee);
        Assert.That(Tokens(padded), Is.EqualTo(Tokens(plain)));
        string notJustZeros = temp.Write("z.gz", [.. Gzip(lee), 0, 0, 7]);
        Assert.That(() => Tokens(notJustZeros), Throws.TypeOf<FastW2VException>().With.Message.Contains("trailing garbage"));
    }
}
