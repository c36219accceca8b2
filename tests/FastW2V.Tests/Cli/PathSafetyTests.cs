using System.Diagnostics;
using System.Text;
using static FastW2V.Tests.Cli.CliHarness;

namespace FastW2V.Tests.Cli;

/// <summary>Paths: links, pipes, special outputs, colliding and odd names.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class PathSafetyTests
{
    private static string Lee => TestData.RequireShared(TestData.Lee);

    private static string[] Train(TempFolder temp, params string[] more) =>
        ["train", "-train", Lee, "-size", "8", "-iter", "1", "-min-count", "5", "-threads", "1", "-q", "--cache", temp.File("cache"), .. more];

    private static void MakeFifo(string path)
    {
        using var p = Process.Start("mkfifo", path)!;
        p.WaitForExit();
        Assert.That(p.ExitCode, Is.Zero);
    }

    [Test]
    public void A_linked_corpus_is_its_target_and_a_link_to_an_empty_file_is_one_line()
    {
        using var temp = new TempFolder();
        string link = temp.File("lee.cor");
        File.CreateSymbolicLink(link, Lee);
        var direct = Run("vocab", "-train", Lee, "-min-count", "1");
        var linked = Run("vocab", "-train", link, "-min-count", "1");
        Assert.That(linked.Code, Is.Zero, linked.Err);
        Assert.That(linked.Out.Split('\n')[1], Is.EqualTo(direct.Out.Split('\n')[1])); // "Vocabulary: N words ..."
        Assert.That(linked.Out, Does.Contain("360,082 bytes"));
        File.WriteAllText(temp.File("empty.txt"), "");
        File.CreateSymbolicLink(temp.File("empty.lnk"), temp.File("empty.txt"));
        var (code, _, err) = Run("vocab", "-train", temp.File("empty.lnk"));
        AssertOneLine(code, err, "is empty");
    }

    [Test]
    public void A_fifo_corpus_is_read_as_a_stream_and_a_device_of_zeros_is_refused()
    {
        using var temp = new TempFolder();
        string fifo = temp.File("corpus.fifo");
        MakeFifo(fifo);
        var writer = Task.Run(() => File.WriteAllBytes(fifo, File.ReadAllBytes(Lee)));
        var piped = Run("vocab", "-train", fifo, "-min-count", "1", "-save-vocab", temp.File("fifo.vocab"));
        writer.Wait();
        Assert.That(piped.Code, Is.Zero, piped.Err);
        Assert.That(Run("vocab", "-train", Lee, "-min-count", "1", "-save-vocab", temp.File("file.vocab")).Code, Is.Zero);
        Assert.That(File.ReadAllBytes(temp.File("fifo.vocab")), Is.EqualTo(File.ReadAllBytes(temp.File("file.vocab"))));
        var (code, _, err) = Run("vocab", "-train", "/dev/zero"); // read only
        AssertOneLine(code, err, "NUL");
    }

    [Test]
    public void A_fifo_output_is_written_in_place_and_stays_a_fifo()
    {
        using var temp = new TempFolder();
        string fifo = temp.File("vectors.fifo");
        MakeFifo(fifo);
        var reader = Task.Run(() => File.ReadAllText(fifo));
        var (code, _, err) = Run(Train(temp, "-output", fifo));
        Assert.That(code, Is.Zero, err);
        string text = reader.Result;
        Assert.That(text.Split('\n')[0], Does.Match(@"^\d+ 8$"));
        Assert.That(FastW2V.Formats.FileKinds.Of(fifo), Is.EqualTo(FastW2V.Formats.FileKind.Fifo));
    }

    [Test]
    public void A_linked_output_writes_its_target_and_the_previous_permissions_are_kept()
    {
        using var temp = new TempFolder();
        string target = temp.Write("real.txt", "old");
        File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        string link = temp.File("out.txt");
        File.CreateSymbolicLink(link, target);
        var (code, _, err) = Run(Train(temp, "-output", link));
        Assert.That(code, Is.Zero, err);
        Assert.That(new FileInfo(link).LinkTarget, Is.EqualTo(target), "the link is still a link");
        Assert.That(File.ReadAllText(target), Does.StartWith(File.ReadLines(target).First()).And.Not.EqualTo("old"));
        Assert.That(File.GetUnixFileMode(target), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead));
    }

    [TestCase("--save-output-vectors")]
    [TestCase("-save-vocab")]
    [TestCase("--checkpoint")]
    public void Two_outputs_naming_one_file_are_refused_before_any_work(string other)
    {
        using var temp = new TempFolder();
        string x = temp.Write("x.txt", "precious");
        var (code, _, err) = Run(Train(temp, "-output", x, other, x));
        AssertOneLine(code, err, "are the same file");
        Assert.That(File.ReadAllText(x), Is.EqualTo("precious"));
    }

    [TestCase("-output")]
    [TestCase("-save-vocab")]
    [TestCase("--cache")]
    public void An_empty_path_is_one_line(string option)
    {
        using var temp = new TempFolder();
        string[] args = option == "-output" ? Train(temp, "-output", "") : [.. Train(temp, "-output", temp.File("v.txt")), option, ""];
        if (option == "--cache") args = ["train", "-train", Lee, "-output", temp.File("v.txt"), "-q", "--cache", ""];
        var (code, _, err) = Run(args);
        AssertOneLine(code, err, "empty");
    }

    [Test]
    public void A_long_output_name_that_fits_the_file_system_is_written()
    {
        using var temp = new TempFolder();
        string name = new string('v', 240) + ".txt"; // 244 bytes: the temporary name must be shortened
        var (code, _, err) = Run(Train(temp, "-output", temp.File(name)));
        Assert.That(code, Is.Zero, err);
        Assert.That(File.Exists(temp.File(name)), Is.True);
        Assert.That(Directory.GetFiles(temp.Path), Has.Length.EqualTo(1));
    }

    [Test]
    public void Read_vocab_and_save_vocab_without_an_output_saves_the_vocabulary()
    {
        using var temp = new TempFolder();
        Assert.That(Run("vocab", "-train", Lee, "-save-vocab", temp.File("v1.txt"), "-q").Code, Is.Zero);
        var (code, _, err) = Run("train", "-train", Lee, "-read-vocab", temp.File("v1.txt"), "-save-vocab", temp.File("v2.txt"), "-q");
        Assert.That(code, Is.Zero, err);
        Assert.That(File.ReadAllText(temp.File("v2.txt")), Is.EqualTo(File.ReadAllText(temp.File("v1.txt"))));
    }

    [Test]
    public void A_linked_vector_file_is_read_whole()
    {
        using var temp = new TempFolder();
        string vectors = temp.Write("v.txt", "2 2\nking 0.1 0.2\nqueen 0.3 0.4\n");
        string link = temp.File("v.lnk");
        File.CreateSymbolicLink(link, vectors);
        var (code, output, err) = Run("nn", link, "king", "-k", "1");
        Assert.That(code, Is.Zero, err);
        Assert.That(output, Does.Contain("queen"));
    }

    [Test]
    public void Dev_stdin_redirected_from_a_file_is_the_whole_file()
    {
        // `fw2v vocab -train /dev/stdin < file`: /dev/stdin is then a link to the file, not to a pipe.
        using var temp = new TempFolder();
        var (code, output, err) = RunShell("sh", $"FW2V vocab -train /dev/stdin -min-count 1 < '{Lee}'");
        Assert.That(code, Is.Zero, err);
        Assert.That(output, Does.Contain("360,082 bytes"));
    }

    [Test]
    public void A_process_substitution_is_read_as_a_stream()
    {
        var (code, output, err) = RunShell("bash", $"FW2V vocab -train <(cat '{Lee}') -min-count 1");
        Assert.That(code, Is.Zero, err);
        Assert.That(output, Does.Contain("360,082 bytes").And.Contain("60,189 tokens"));
    }

    [Test]
    public void A_dangling_output_link_creates_its_target_and_stays_a_link()
    {
        using var temp = new TempFolder();
        string target = temp.File("real.txt"), link = temp.File("out.txt");
        File.CreateSymbolicLink(link, target);
        var (code, _, err) = Run(Train(temp, "-output", link));
        Assert.That(code, Is.Zero, err);
        Assert.That(new FileInfo(link).LinkTarget, Is.EqualTo(target));
        Assert.That(File.ReadLines(target).First(), Does.Match(@"^\d+ 8$"));
    }

    [Test]
    public void An_output_naming_the_corpus_is_refused()
    {
        using var temp = new TempFolder();
        string corpus = temp.Write("c.txt", File.ReadAllText(Lee));
        var (code, _, err) = Run(["train", "-train", corpus, "-output", corpus, "-q", "--cache", temp.File("cache")]);
        Assert.That(code, Is.EqualTo(1));
        Assert.That(err, Does.Contain("The training file and the output file are the same file"));
        Assert.That(File.ReadAllText(corpus), Is.EqualTo(File.ReadAllText(Lee)));
    }
}
