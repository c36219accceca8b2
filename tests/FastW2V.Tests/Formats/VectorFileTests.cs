using FastW2V.Storage;
using System.Text;
using FastW2V.Formats;
using FastW2V.Kernels;

namespace FastW2V.Tests.Formats;

public class VectorFileTests
{
    internal static WordVectors Sample(int rows = 5, int dim = 7, int seed = 1)
    {
        var rng = new Random(seed);
        var m = new EmbeddingMatrix(rows, dim);
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < dim; j++) m.RowSpan(r)[j] = (float)(rng.NextDouble() * 2 - 1) * MathF.Pow(10, rng.Next(-6, 3));
        string[] names = ["</s>", "the", "café", "日本", "x"];
        var words = Enumerable.Range(0, rows).Select(i => Encoding.UTF8.GetBytes(i < names.Length ? names[i] : $"w{i}")).ToList();
        return new WordVectors(words, m);
    }

    internal static void AssertSame(WordVectors a, WordVectors b)
    {
        Assert.That(b.Count, Is.EqualTo(a.Count));
        Assert.That(b.Dimension, Is.EqualTo(a.Dimension));
        for (int r = 0; r < a.Count; r++)
        {
            Assert.That(b.Words[r], Is.EqualTo(a.Words[r]));
            Assert.That(b.Vectors.RowSpan(r).ToArray(), Is.EqualTo(a.Vectors.RowSpan(r).ToArray()), $"row {r}");
        }
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Round_trips_exactly(bool binary)
    {
        using var temp = new TempFolder();
        using var v = Sample();
        VectorFileWriter.Write(temp.File("v"), v, binary);
        using var back = VectorFileReader.Read(temp.File("v"));
        AssertSame(v, back);
    }

    [Test]
    public void Rows_are_aligned_and_padded_with_zeros()
    {
        using var v = Sample(dim: 20);
        unsafe
        {
            Assert.That((long)v.Vectors.Data % 64, Is.Zero);
            Assert.That(v.Vectors.Stride, Is.EqualTo(32));
            Assert.That(v.Vectors.Row(1)[25], Is.Zero);
        }
    }

    [Test]
    public void Reads_fasttext_vec_with_trailing_spaces_and_crlf()
    {
        using var temp = new TempFolder();
        string path = temp.Write("f.vec", "2 3 \r\nthe 0.1 -0.2 3e-2 \r\nof 1 2 3 \r\n");
        using var v = VectorFileReader.Read(path);
        Assert.That(v.GetWord(1), Is.EqualTo("of"));
        Assert.That(v.Vectors.RowSpan(0).ToArray(), Is.EqualTo(new[] { 0.1f, -0.2f, 0.03f }));
    }

    [Test]
    public void Reads_gensim_binary_without_newlines_between_vectors()
    {
        using var temp = new TempFolder();
        var bytes = new List<byte>(Encoding.ASCII.GetBytes("2 2\n"));
        foreach (var (w, a, b) in new[] { ("ab", 1f, 2f), ("cd", -3f, 0.5f) })
        {
            bytes.AddRange(Encoding.ASCII.GetBytes(w + " "));
            bytes.AddRange(BitConverter.GetBytes(a));
            bytes.AddRange(BitConverter.GetBytes(b));
        }
        using var v = VectorFileReader.Read(temp.Write("g.bin", bytes.ToArray()));
        Assert.That(v.GetWord(1), Is.EqualTo("cd"));
        Assert.That(v.Vectors.RowSpan(1).ToArray(), Is.EqualTo(new[] { -3f, 0.5f }));
    }

    [TestCase("3 2\na 1 2\nb 3 4\n\n\n\n\n\n", "ends after 2 of the 3")]
    [TestCase("100000000 100\na 1 2\n", "ends before the 100000000 vectors")]
    [TestCase("1 2147483647\na 1 2\n", "ends before the 1 vectors")]
    [TestCase("2 3\na 1 2 3\nb 3 4\n", "line 3 has 2 values")]
    [TestCase("1 2\na 1 2\nb 3 4\n", "more data after the 1 vectors")]
    [TestCase("hello\n", "header")]
    [TestCase("", "empty")]
    [TestCase("1 2\na 1 zz\n", "not a number")]
    public void Defects_are_reported_with_their_place(string content, string expected)
    {
        using var temp = new TempFolder();
        var e = Assert.Throws<FastW2VException>(() => VectorFileReader.Read(temp.Write("bad.txt", content)));
        Assert.That(e!.Message, Does.Contain(expected));
    }

    [Test]
    public void A_binary_file_cut_in_the_middle_of_a_vector_is_reported()
    {
        using var temp = new TempFolder();
        using var v = Sample();
        VectorFileWriter.Write(temp.File("v.bin"), v, binary: true);
        byte[] all = File.ReadAllBytes(temp.File("v.bin"));
        var e = Assert.Throws<FastW2VException>(() => VectorFileReader.Read(temp.Write("cut.bin", all[..(all.Length - 10)])));
        Assert.That(e!.Message, Does.Contain("middle of vector 5 of the 5"));
    }
}

public class AtomicFileTests
{
    [Test]
    public void A_failed_write_leaves_the_previous_file_and_no_temporary_file()
    {
        using var temp = new TempFolder();
        string path = temp.Write("out.txt", "precious");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, s =>
        {
            s.Write("partial"u8);
            throw new InvalidOperationException("interrupted");
        }));
        Assert.That(File.ReadAllText(path), Is.EqualTo("precious"));
        Assert.That(Directory.GetFiles(temp.Path), Has.Length.EqualTo(1));
    }

    [Test]
    public void A_successful_write_replaces_the_file()
    {
        using var temp = new TempFolder();
        string path = temp.Write("out.txt", "old");
        AtomicFile.Write(path, s => s.Write("new"u8));
        Assert.That(File.ReadAllText(path), Is.EqualTo("new"));
        Assert.That(Directory.GetFiles(temp.Path), Has.Length.EqualTo(1));
    }

    [Test]
    public void An_unwritable_place_is_a_clear_error()
    {
        var e = Assert.Throws<FastW2VException>(() => AtomicFile.CheckWritable("/nonexistent-folder/x.txt", "output file"));
        Assert.That(e!.Message, Does.Contain("does not exist"));
    }
}
