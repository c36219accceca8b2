using System.Text;
using System.Text.Json;
using FastW2V.Formats;
using FastW2V.Tests.Formats;
using static FastW2V.Tests.Cli.CliHarness;

namespace FastW2V.Tests.Cli;

/// <summary>
/// "-" is standard input where a command reads and standard output where it writes, and stdout then carries
/// the data alone: every status line goes to stderr.
/// </summary>
public class StandardStreamTests
{
    private static readonly byte[] NoInput = [];
    private const string Text = "5 3\nman 1 0 0\nwoman 1 1 0\nking 1 0 1\nqueen 1 1 1\nfrance 0 0 1\n";

    private static string Binary(TempFolder temp)
    {
        using var v = VectorFileReader.Read(temp.Write("v.txt", Text));
        VectorFileWriter.Write(temp.File("v.bin"), v, binary: true);
        return temp.File("v.bin");
    }

    private static WordVectors Parse(TempFolder temp, byte[] bytes) =>
        VectorFileReader.Read(temp.Write($"parsed-{Guid.NewGuid():N}", bytes));

    [TestCase(false)]
    [TestCase(true)]
    public void Nn_reads_text_or_binary_vectors_from_standard_input(bool binary)
    {
        using var temp = new TempFolder();
        string file = binary ? Binary(temp) : temp.Write("v.txt", Text);
        var expected = Run("nn", file, "france", "-k", "2");
        Assert.That(expected.Code, Is.Zero, expected.Err);
        var (code, output, err) = RunPiped(File.ReadAllBytes(file), "nn", "-", "france", "-k", "2");
        Assert.That(code, Is.Zero, err);
        Assert.That(Encoding.UTF8.GetString(output), Is.EqualTo(expected.Out));
    }

    [TestCase("v.txt", false)]
    [TestCase("v.bin", true)]
    public void Convert_to_standard_output_carries_the_vectors_alone(string name, bool binary)
    {
        using var temp = new TempFolder();
        string bin = Binary(temp);
        string[] args = binary ? ["convert", bin, "-", "--binary"] : ["convert", bin, "-"];
        var (code, output, err) = RunPiped(NoInput, args);
        Assert.That(code, Is.Zero, err);
        Assert.That(err, Does.Contain("Wrote 5 vectors"));
        using var original = VectorFileReader.Read(bin);
        using var back = Parse(temp, output);
        VectorFileTests.AssertSame(original, back);
        Assert.That(output.Any(b => b >= 0x80 || b == 0), Is.EqualTo(binary)); // the format asked for
    }

    [Test]
    public void Convert_piped_into_nn_answers_as_the_file_does()
    {
        using var temp = new TempFolder();
        string bin = Binary(temp);
        var converted = RunPiped(NoInput, "convert", bin, "-", "--binary");
        Assert.That(converted.Code, Is.Zero, converted.Err);
        var (code, output, err) = RunPiped(converted.Out, "nn", "-", "france");
        Assert.That(code, Is.Zero, err);
        Assert.That(Encoding.UTF8.GetString(output), Is.EqualTo(Run("nn", bin, "france").Out));
    }

    [Test]
    public void Convert_from_standard_input_to_standard_output()
    {
        using var temp = new TempFolder();
        var (code, output, err) = RunPiped(Text, "convert", "-", "-");
        Assert.That(code, Is.Zero, err);
        using var original = VectorFileReader.Read(temp.Write("v.txt", Text));
        using var back = Parse(temp, Encoding.UTF8.GetBytes(output));
        VectorFileTests.AssertSame(original, back);
        Assert.That(err, Does.Contain("Wrote 5 vectors").And.Contain("to -"));
    }

    [Test]
    public void Status_lines_never_go_to_standard_output()
    {
        using var temp = new TempFolder();
        string bin = Binary(temp);
        var convert = Run("convert", bin, temp.File("v.vec"));
        Assert.That(convert.Code, Is.Zero, convert.Err);
        Assert.That(convert.Out, Is.Empty);
        Assert.That(convert.Err, Does.Contain("Wrote 5 vectors"));
        var plot = Run("plot", bin, "king", "-k", "2", "-o", temp.File("map.svg"));
        Assert.That(plot.Code, Is.Zero, plot.Err);
        Assert.That(plot.Out, Is.Empty);
        Assert.That(plot.Err, Does.Contain("Wrote"));
        var export = Run("export", "projector", bin, temp.File("projector"));
        Assert.That(export.Code, Is.Zero, export.Err);
        Assert.That(export.Out, Is.Empty);
        Assert.That(export.Err, Does.Contain("vectors.tsv"));
    }

    [Test]
    public void Eval_analogy_reads_its_questions_from_standard_input()
    {
        using var temp = new TempFolder();
        string vectors = temp.Write("v.txt", Text);
        const string questions = ": family\nman woman king queen\nking queen man woman\n";
        var expected = Run("eval", "analogy", vectors, temp.Write("q.txt", questions), "--json");
        Assert.That(expected.Code, Is.Zero, expected.Err);
        var (code, output, err) = RunPiped(questions, "eval", "analogy", vectors, "-", "--json");
        Assert.That(code, Is.Zero, err);
        Assert.That(Total(output), Is.EqualTo(Total(expected.Out)));
        Assert.That(Total(output), Is.EqualTo("2/2"));

        // The vectors from stdin, the questions from a file.
        (code, output, err) = RunPiped(Text, "eval", "analogy", "-", temp.File("q.txt"), "--json");
        Assert.That(code, Is.Zero, err);
        Assert.That(Total(output), Is.EqualTo("2/2"));
    }

    private static string Total(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var total = doc.RootElement.GetProperty("total");
        return $"{total.GetProperty("correct").GetInt32()}/{total.GetProperty("seen").GetInt32()}";
    }

    [Test]
    public void Eval_similarity_reads_pairs_from_standard_input()
    {
        using var temp = new TempFolder();
        string vectors = temp.Write("v.txt", Text);
        const string pairs = "king queen 9\nman france 1\nwoman queen 8\n";
        var expected = Run("eval", "similarity", vectors, temp.Write("pairs.txt", pairs));
        var (code, output, err) = RunPiped(pairs, "eval", "similarity", vectors, "-");
        Assert.That(code, Is.Zero, err);
        Assert.That(output.Replace("stdin", "pairs"), Is.EqualTo(expected.Out));
    }

    [Test]
    public void Classes_read_standard_input_and_write_standard_output()
    {
        var (code, output, err) = RunPiped(Text, "classes", "-", "2", "-o", "-", "--threads", "1");
        Assert.That(code, Is.Zero, err);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string[] words = ["man", "woman", "king", "queen", "france"];
        Assert.That(lines.Select(l => l.Split(' ')[0]), Is.EqualTo(words));
        Assert.That(lines.Select(l => l.Split(' ')[1]), Has.All.Matches<string>(c => c is "0" or "1"));
        Assert.That(err, Does.Contain("Wrote the classes of 5 words"));
    }

    [Test]
    public void Plot_and_plot_loss_read_standard_input_and_write_standard_output()
    {
        var (code, output, err) = RunPiped(Text, "plot", "-", "king", "-k", "2", "-o", "-");
        Assert.That(code, Is.Zero, err);
        Assert.That(output, Does.Contain("<svg").And.Contain("queen"));
        Assert.That(err.Trim(), Is.EqualTo("Wrote -."));

        const string log = "{\"progress\":0.5,\"loss\":3.1}\n{\"progress\":1,\"loss\":2.7}\n";
        (code, output, err) = RunPiped(log, "plot-loss", "-", "-o", "-");
        Assert.That(code, Is.Zero, err);
        Assert.That(output, Does.StartWith("<svg").Or.StartWith("<?xml"));
        Assert.That(err.Trim(), Is.EqualTo("Wrote -."));
    }

    [Test]
    public void Export_reads_standard_input_but_needs_a_folder()
    {
        using var temp = new TempFolder();
        var (code, output, err) = RunPiped(Text, "export", "projector", "-", temp.File("p"));
        Assert.That(code, Is.Zero, err);
        Assert.That(output, Is.Empty);
        Assert.That(File.ReadAllLines(temp.File("p/metadata.tsv")), Has.Length.EqualTo(5));
        AssertOneLine(RunPiped(Text, "export", "projector", "-", "-"), "give a folder");
    }

    [Test]
    public void Analogy_reads_vectors_from_standard_input()
    {
        var (code, output, err) = RunPiped(Text, "analogy", "-", "man", "woman", "king", "-k", "1");
        Assert.That(code, Is.Zero, err);
        Assert.That(output, Does.Contain("queen"));
    }

    [Test]
    public void Two_inputs_from_standard_input_are_refused()
    {
        using var temp = new TempFolder();
        string vectors = temp.Write("v.txt", Text);
        AssertOneLine(RunPiped(Text, "eval", "analogy", "-", "-"), "vector file and the questions file");
        AssertOneLine(RunPiped(Text, "eval", "similarity", vectors, "-", "-"), "the word-pair files both name it");
        AssertOneLine(RunPiped(Text, "eval", "similarity", "-", "-"), "standard input");
        AssertOneLine(RunPiped(Text, "nn", "-"), "the vector file and the queries");
    }

    [Test]
    public void Train_saving_its_vocabulary_to_standard_output_sends_evaluations_to_stderr()
    {
        using var temp = new TempFolder();
        string questions = temp.Write("q.txt", ": family\nman woman king queen\n");
        var (code, output, err) = RunPiped(NoInput, "-train", TestData.RequireShared(TestData.Lee), "-output",
            temp.File("v.bin"), "-save-vocab", "-", "-size", "8", "-iter", "1", "-min-count", "20", "-threads", "1",
            "--eval-analogy", questions);
        Assert.That(code, Is.Zero, err);
        var lines = Encoding.UTF8.GetString(output).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.GreaterThan(100));
        Assert.That(lines, Has.All.Matches(@"^\S+ \d+$")); // "word count" and nothing else
        Assert.That(err, Does.Contain("Final: analogy"));
    }

    [Test]
    public void Vectors_larger_than_one_read_buffer_come_whole_from_standard_input()
    {
        using var temp = new TempFolder();
        using var big = VectorFileTests.Sample(rows: 3000, dim: 100);
        VectorFileWriter.Write(temp.File("big.bin"), big, binary: true);
        using var input = new MemoryStream(File.ReadAllBytes(temp.File("big.bin")));
        using (StandardStreams.Redirect(input, null))
        {
            using var back = VectorFileReader.Read("-");
            VectorFileTests.AssertSame(big, back);
        }
        Assert.That(input.Length, Is.GreaterThan(1 << 20));
    }
}
