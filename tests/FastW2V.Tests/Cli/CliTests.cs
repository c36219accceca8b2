using System.Diagnostics;
using System.Text.Json;
using FastW2V.Cli;
using FastW2V.Formats;
using static FastW2V.Tests.Cli.CliHarness;

namespace FastW2V.Tests.Cli;

public class CliTests
{
    private static void AssertOneLineError(string[] args, string expected, int code = 1)
    {
        var (exit, _, err) = Run(args);
        Assert.That(exit, Is.EqualTo(code), err);
        var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(1), err);
        Assert.That(lines[0], Does.StartWith("fw2v: error: "));
        Assert.That(lines[0], Does.Contain(expected).IgnoreCase);
        Assert.That(err, Does.Not.Contain("   at "));
    }

    [Test]
    public void The_version_is_the_package_version()
    {
        var props = System.Xml.Linq.XDocument.Load(Path.Combine(TestData.RepoRoot, "Directory.Build.props"));
        string version = props.Descendants("Version").Single().Value;
        var (code, output, _) = Run("--version");
        Assert.That(code, Is.Zero);
        Assert.That(output.Trim(), Is.EqualTo(version));
    }

    [Test]
    public void Bad_input_files_are_one_line_errors()
    {
        using var temp = new TempFolder();
        var rng = new Random(1);
        byte[] random = new byte[5000];
        rng.NextBytes(random);
        random[100] = 0;
        AssertOneLineError(["vocab", "-train", temp.File("missing.txt")], "does not exist");
        AssertOneLineError(["vocab", "-train", temp.Path], "holds no regular file");
        AssertOneLineError(["vocab", "-train", temp.Write("empty.txt", "")], "is empty");
        AssertOneLineError(["vocab", "-train", temp.Write("random.bin", random)], "byte");
        AssertOneLineError(["vocab", "-train", temp.Write("nul.bin", new byte[4096])], "NUL");
        AssertOneLineError(["vocab", "-train", temp.Write("latin1.txt", [(byte)'c', (byte)'a', (byte)'f', 0xE9, (byte)' ', (byte)'x'])], "invalid UTF-8");
        AssertOneLineError(["vocab", "-train", temp.Write("spaces.txt", "   \t  ")], "no words");
        AssertOneLineError(["vocab", "-train", temp.Write("few.txt", "a b c a b c"), "-min-count", "1000"], "vocabulary is empty");
        AssertOneLineError(["vocab", "-train", temp.Write("bad.gz", [0x1f, 0x8b, 1, 2, 3, 4, 5])], "gzip");
    }

    [TestCase("-size", "-5", "size")]
    [TestCase("-threads", "0", "threads")]
    [TestCase("-window", "0", "window")]
    [TestCase("-sample", "-0.1", "sample")]
    [TestCase("-negative", "0", "-negative 0 without -hs 1")]
    [TestCase("-hs", "2", "hs must be 0 or 1")]
    [TestCase("-classes", "-1", "-classes must be 0")]
    [TestCase("-iter", "0", "iter")]
    [TestCase("-cbow", "2", "cbow")]
    [TestCase("-min-count", "0", "min-count")]
    public void Options_out_of_range_are_one_line_errors(string flag, string value, string expected)
    {
        using var temp = new TempFolder();
        AssertOneLineError(["-train", TestData.RequireShared(TestData.Lee), "-output", temp.File("v.txt"), flag, value], expected);
        Assert.That(File.Exists(temp.File("v.txt")), Is.False);
    }

    [TestCase("--loss softmax -hs 1", "either --loss or -hs")]
    [TestCase("--loss hs -negative 5", "trains no negative samples")]
    [TestCase("--loss softmax -negative 3", "trains no negative samples")]
    [TestCase("-hs 0 -negative 0", "-negative 0 without -hs 1")]
    [TestCase("--cbow-w2v-compat --cbow-exact-gradient", "excludes --cbow-exact-gradient")]
    [TestCase("--cbow-w2v-compat --cbow-sum", "excludes --cbow-exact-gradient and --cbow-sum")]
    [TestCase("--cbow-sum --cbow-exact-gradient", "exclude each other")]
    [TestCase("--kernels avx9000", "is not one of avx512-blocked, avx2-blocked")]
    [TestCase("--cbow-batch 0", "cbow-batch must be between 1 and 64")]
    public void Contradictory_losses_are_one_line_errors(string flags, string expected)
    {
        using var temp = new TempFolder();
        AssertOneLineError(["-train", TestData.RequireShared(TestData.Lee), "-output", temp.File("v.txt"), .. flags.Split(' ')], expected);
        Assert.That(File.Exists(temp.File("v.txt")), Is.False);
    }

    /// <summary>
    /// A bad FW2V_SIMD (read once per process, so this runs the CLI in a child process) is one line and
    /// exit 1 from a command that needs kernels; help and usage do not need them.
    /// </summary>
    [Test]
    public void A_bad_forcing_variable_is_a_one_line_error_and_help_still_works()
    {
        (int Code, string Out, string Err) Run(params string[] args)
        {
            var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(typeof(FastW2V.Cli.Cli).Assembly.Location);
            foreach (string a in args) start.ArgumentList.Add(a);
            start.Environment["FW2V_SIMD"] = "avx9000";
            using var p = System.Diagnostics.Process.Start(start)!;
            string output = p.StandardOutput.ReadToEnd(), error = p.StandardError.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode, output, error);
        }
        var help = Run("train", "--help");
        Assert.That(help.Code, Is.Zero, help.Err);
        Assert.That(help.Out, Does.Contain("--kernels"));
        using var temp = new TempFolder();
        var vocab = Run("vocab", "-train", TestData.RequireShared(TestData.Lee), "-save-vocab", temp.File("v.txt"));
        Assert.That(vocab.Code, Is.EqualTo(1));
        Assert.That(vocab.Err.TrimEnd().Split('\n'), Has.Length.EqualTo(1), vocab.Err);
        Assert.That(vocab.Err, Does.Contain("FW2V_SIMD='avx9000' is not one of"));
    }

    /// <summary>The portable binary runs its AVX-512 image only where the kernel reports every AVX-512
    /// subset that image's runtime requires (F, BW, CD, DQ, VL); an OS without ZMM state has none.</summary>
    [TestCase("flags\t\t: fpu sse2 avx2 fma avx512f avx512dq avx512cd avx512bw avx512vl avx512vbmi", true)]
    [TestCase("flags\t\t: fpu sse2 avx2 fma avx512f avx512dq avx512cd avx512bw", false)]
    [TestCase("flags\t\t: fpu sse2 avx avx2 fma bmi2", false)]
    [TestCase("flags\t\t: fpu avx512fx avx512bwx avx512cdx avx512dqx avx512vlx", false)]
    [TestCase("", false)]
    public void The_avx512_image_runs_only_where_the_cpu_reports_every_subset_it_needs(string flags, bool expected) =>
        Assert.That(Avx512Image.CpuHasAvx512(flags), Is.EqualTo(expected));

    private static string SmallVectors(TempFolder temp) => temp.Write("small.txt",
        "4 3\nman 1 0 0\nwoman 1 1 0\nking 1 0 1\nqueen 1 1 1\n");

    [Test]
    public void Evaluation_commands_report_as_text_and_json()
    {
        using var temp = new TempFolder();
        string vectors = SmallVectors(temp);
        string questions = temp.Write("q.txt", ": family\nman woman king queen\nking queen man woman\nman woman king\n");
        string pairs = temp.Write("p.tsv", "man woman 5\nking queen 5\nman queen 1\nman dragon 2\n");

        var (code, text, err) = Run("eval", "analogy", vectors, questions);
        Assert.That(code, Is.Zero, err);
        Assert.That(text, Does.Contain("TOTAL").And.Contain("100.00 %  (2 / 2)").And.Contain("1 malformed line(s) skipped"));

        (code, text, err) = Run("eval", "analogy", vectors, questions, "--method", "mul", "--json");
        Assert.That(code, Is.Zero, err);
        using (var doc = JsonDocument.Parse(text))
        {
            var total = doc.RootElement.GetProperty("total");
            Assert.That(total.GetProperty("correct").GetInt32(), Is.EqualTo(2));
            Assert.That(total.GetProperty("seen").GetInt32(), Is.EqualTo(2));
            Assert.That(doc.RootElement.GetProperty("method").GetString(), Is.EqualTo("3CosMul"));
        }

        (code, text, err) = Run("eval", "similarity", vectors, pairs, "--json");
        Assert.That(code, Is.Zero, err);
        using (var doc = JsonDocument.Parse(text))
        {
            var first = doc.RootElement.GetProperty("files")[0];
            Assert.That(doc.RootElement.GetProperty("average").GetDouble(), Is.EqualTo(first.GetProperty("spearman").GetDouble()), "one file: its own ρ");
            Assert.That(first.GetProperty("used").GetInt32(), Is.EqualTo(3));
            Assert.That(first.GetProperty("outOfVocabulary").GetInt32(), Is.EqualTo(1));
        }

        (code, text, err) = Run("analogy", vectors, "man", "woman", "king", "-k", "1");
        Assert.That(code, Is.Zero, err);
        Assert.That(text, Does.Contain("queen"));
        (code, text, err) = Run("nn", vectors, "king", "-k", "1");
        Assert.That(code, Is.Zero, err);
        Assert.That(text, Does.Contain("queen").Or.Contain("man"));
    }

    [Test]
    public void Bad_evaluation_input_is_a_one_line_error()
    {
        using var temp = new TempFolder();
        string vectors = SmallVectors(temp);
        string questions = temp.Write("q.txt", "man woman king queen\n");
        AssertOneLineError(["eval", "analogy", temp.File("missing.bin"), questions], "does not exist");
        AssertOneLineError(["eval", "analogy", vectors, temp.File("missing.txt")], "does not exist");
        AssertOneLineError(["eval", "analogy", vectors, temp.Write("three.txt", "man woman king\n")], "no question of four words");
        AssertOneLineError(["eval", "similarity", vectors, temp.File("nope.tsv")], "does not exist");
        AssertOneLineError(["eval", "similarity", vectors, temp.Write("words.tsv", "a b c\n")], "no \"word word score\" line");
        AssertOneLineError(["eval", "analogy", temp.Write("truncated.txt", "4 3\nman 1 0 0\nwoman 1 1\n"), questions], "ends before");
        AssertOneLineError(["eval", "analogy", temp.Write("lying.txt", "9 3\nman 1 0 0\nwoman 1 1 0\n"), questions], "9");
        AssertOneLineError(["analogy", vectors, "man", "woman", "dragon"], "out of vocabulary: dragon");
        // A binary file cut in the middle of a vector.
        using (var small = VectorFileReader.Read(vectors)) VectorFileWriter.Write(temp.File("v.bin"), small, binary: true);
        var bytes = File.ReadAllBytes(temp.File("v.bin"));
        File.WriteAllBytes(temp.File("cut.bin"), bytes[..(bytes.Length - 7)]);
        AssertOneLineError(["eval", "analogy", temp.File("cut.bin"), questions], "cut.bin");
        AssertOneLineError(["-train", TestData.RequireShared(TestData.Lee), "-output", temp.File("v.txt"), "--eval-analogy", temp.File("no.txt")], "does not exist");
        Assert.That(File.Exists(temp.File("v.txt")), Is.False);
        AssertOneLineError(["-train", TestData.RequireShared(TestData.Lee), "-output", temp.File("v.txt"), "--eval-every-epoch"], "needs --eval-analogy");
    }

    [Test]
    public void Training_can_evaluate_after_every_epoch()
    {
        using var temp = new TempFolder();
        var (code, text, err) = Run("-train", TestData.RequireShared(TestData.Lee), "-output", temp.File("v.txt"), "-size", "20",
            "-iter", "3", "-threads", "2", "-min-count", "2", "--quiet",
            "--eval-analogy", TestData.RequireShared(TestData.Questions),
            "--eval-similarity", TestData.RequireShared(Path.Combine(TestData.Shared, "eval", "wordsim353.tsv")), "--eval-every-epoch");
        Assert.That(code, Is.Zero, err);
        foreach (int epoch in new[] { 1, 2, 3 })
            Assert.That(text, Does.Contain($"Epoch {epoch}: analogy").And.Contain($"Epoch {epoch}: word similarity"));
        Assert.That(text, Does.Contain("wordsim353"));
    }

    [Test]
    public void Bench_reports_each_thread_count_as_json()
    {
        var (code, text, err) = Run("bench", "--corpus", TestData.RequireShared(TestData.Lee), "--threads", "1,2", "--json", "-size", "16");
        Assert.That(code, Is.Zero, err);
        using var doc = JsonDocument.Parse(text);
        var runs = doc.RootElement.GetProperty("runs");
        Assert.That(runs.GetArrayLength(), Is.EqualTo(2));
        Assert.That(runs[1].GetProperty("threads").GetInt32(), Is.EqualTo(2));
        Assert.That(runs[0].GetProperty("wordsPerSecond").GetDouble(), Is.GreaterThan(0));
        Assert.That(runs[0].GetProperty("scaling").GetDouble(), Is.EqualTo(1));
        AssertOneLineError(["bench", "--corpus", TestData.Lee, "--threads", "0"], "--threads takes");
    }

    [Test]
    public void Usage_errors_exit_2_with_one_line()
    {
        AssertOneLineError(["train", "--no-such-option"], "no-such-option", FastW2V.Cli.Cli.UsageError);
        AssertOneLineError(["-train", "x", "-size", "abc"], "abc", FastW2V.Cli.Cli.UsageError);
        AssertOneLineError(["-train", "x", "--loss", "nce"], "nce", FastW2V.Cli.Cli.UsageError);
    }

    [Test]
    public void An_unwritable_output_fails_before_any_work()
    {
        AssertOneLineError(["-train", TestData.RequireShared(TestData.Lee), "-output", "/nonexistent-folder/v.txt"], "does not exist");
    }

    [Test]
    public void A_failed_run_leaves_the_previous_output_untouched()
    {
        using var temp = new TempFolder();
        string output = temp.Write("v.txt", "precious");
        // (its own cache folder: the shared temp folder may hold stale caches, whose removal is logged)
        AssertOneLineError(["-train", temp.Write("nul.bin", new byte[100]), "-output", output, "--cache", temp.File("cache")], "NUL");
        Assert.That(File.ReadAllText(output), Is.EqualTo("precious"));
        Assert.That(Directory.GetFiles(temp.Path).Select(Path.GetFileName), Is.EquivalentTo(new[] { "v.txt", "nul.bin" }));
        Assert.That(Directory.GetFileSystemEntries(temp.File("cache")), Is.Empty);
    }

    [Test]
    public void Classic_word2vec_flags_train_a_model_and_save_the_vocabulary()
    {
        using var temp = new TempFolder();
        var (code, _, err) = Run("-train", TestData.RequireShared(TestData.Lee), "-output", temp.File("v.bin"), "-size", "20", "-window", "3",
            "-sample", "1e-3", "-hs", "0", "-negative", "3", "-threads", "2", "-iter", "1", "-min-count", "3", "-alpha", "0.05",
            "-binary", "1", "-cbow", "0", "-save-vocab", temp.File("vocab.txt"), "-debug", "0");
        Assert.That(code, Is.Zero, err);
        Assert.That(err, Is.Empty);
        using var vectors = VectorFileReader.Read(temp.File("v.bin"));
        var vocab = File.ReadAllLines(temp.File("vocab.txt"));
        Assert.That(vectors.Count, Is.EqualTo(vocab.Length));
        Assert.That(vectors.Dimension, Is.EqualTo(20));
        Assert.That(vectors.GetWord(1), Is.EqualTo(vocab[1].Split(' ')[0]));
    }

    [Test]
    public void Every_command_has_help()
    {
        foreach (var command in new[] { "train", "vocab", "convert", "eval" })
        {
            var (code, output, _) = Run(command, "--help");
            Assert.That(code, Is.Zero, command);
            Assert.That(output, Does.Contain("Usage:"), command);
        }
        Assert.That(Run("train", "--help").Out, Does.Contain("-min-count"));
    }

    [Test]
    public void Standard_input_is_accepted_as_a_corpus()
    {
        string dll = Path.Combine(TestContext.CurrentContext.TestDirectory, "fw2v.dll");
        using var temp = new TempFolder();
        var psi = new ProcessStartInfo("dotnet", $"\"{dll}\" vocab -train - -min-count 1 -save-vocab \"{temp.File("v.txt")}\" -q")
        {
            RedirectStandardInput = true, RedirectStandardError = true,
        };
        using var p = Process.Start(psi)!;
        p.StandardInput.Write("b a b\nc b a");
        p.StandardInput.Close();
        string err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.That(p.ExitCode, Is.Zero, err);
        Assert.That(File.ReadAllLines(temp.File("v.txt")), Is.EqualTo(new[] { "</s> 1", "b 3", "a 2", "c 1" }));
    }
}
