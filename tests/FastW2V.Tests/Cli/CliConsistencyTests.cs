using static FastW2V.Tests.Cli.CliHarness;

namespace FastW2V.Tests.Cli;

/// <summary>
/// The command line behaves the same everywhere: each test is a surprise a new user could meet.
/// </summary>
public class CliConsistencyTests
{
    private static string Vectors(TempFolder temp) => temp.Write("v.txt",
        "5 3\nman 1 0 0\nwoman 1 1 0\nking 1 0 1\nqueen 1 1 1\nfrance 0 0 1\n");

    [TestCase]
    [TestCase("help")]
    public void Bare_fw2v_and_help_show_usage_and_the_commands(params string[] args)
    {
        var (code, output, err) = Run(args);
        Assert.That(code, Is.Zero, err);
        Assert.That(output, Does.Contain("Usage:").And.Contain("Commands:"));
        foreach (string command in new[] { "train", "vocab", "phrases", "classes", "eval", "nn" }) Assert.That(output, Does.Contain(command));
    }

    [Test]
    public void Help_with_a_command_shows_that_command()
    {
        var (code, output, err) = Run("help", "phrases");
        Assert.That(code, Is.Zero, err);
        Assert.That(output, Does.Contain("phrases [options]").And.Contain("-threshold"));
    }

    [Test]
    public void An_unknown_command_lists_the_commands_in_one_line()
    {
        var result = Run("bogus", "x");
        AssertOneLine(result, "unknown command 'bogus'", expected: 2);
        Assert.That(result.Err, Does.Contain("train, vocab"));
    }

    [Test]
    public void A_nested_command_error_names_its_own_help_page()
    {
        using var temp = new TempFolder();
        AssertOneLine(Run("eval", "analogy", Vectors(temp), temp.Write("q.txt", "a b c d\n"), "--bogus"), "'fw2v eval analogy --help'", expected: 2);
    }

    [Test]
    public void An_unknown_option_is_never_taken_as_a_file_name()
    {
        using var temp = new TempFolder();
        string pairs = temp.Write("p.txt", "man woman 5\n");
        var result = Run("eval", "similarity", Vectors(temp), pairs, "--bogus");
        AssertOneLine(result, "Unrecognized option '--bogus'", expected: 2);
        Assert.That(result.Err, Does.Contain("'fw2v eval similarity --help'"));
    }

    [Test]
    public void Nn_sums_the_words_given_into_one_query()
    {
        using var temp = new TempFolder();
        string vectors = Vectors(temp);
        var (code, output, err) = Run("nn", vectors, "france", "king", "-k", "2");
        Assert.That(code, Is.Zero, err);
        Assert.That(output.Split('\n').Count(l => l.EndsWith(':')), Is.EqualTo(1), output);
        Assert.That(output, Does.StartWith("france king:"));

        (code, output, err) = Run("nn", vectors, "king queen", "-k", "1");
        Assert.That(code, Is.Zero, err);
        Assert.That(output, Does.StartWith("king queen:"));

        // king − man + woman: queen, as the analogy command answers it.
        (code, output, err) = Run("nn", vectors, "king -man +woman", "-k", "1");
        Assert.That(code, Is.Zero, err);
        Assert.That(output, Does.Contain("queen"));
    }

    [Test]
    public void Nn_rejects_unknown_options_and_names_the_unknown_word()
    {
        using var temp = new TempFolder();
        string vectors = Vectors(temp);
        AssertOneLine(Run("nn", vectors, "france", "--bogus", "3"), "Unrecognized option '--bogus'", expected: 2);
        AssertOneLine(Run("nn", vectors, "king", "paris"), "out of vocabulary: paris");
        // --k is -k's long spelling, not two words.
        var (code, output, err) = Run("nn", vectors, "france", "--k", "1");
        Assert.That(code, Is.Zero, err);
        Assert.That(output.Trim().Split('\n'), Has.Length.EqualTo(2));
    }

    [Test]
    public void Nn_from_standard_input_answers_what_it_can_and_fails_for_the_rest()
    {
        using var temp = new TempFolder();
        string vectors = Vectors(temp);
        var (code, output, err) = RunShell("bash", $"printf 'king\\nparis\\nqueen\\n' | FW2V nn '{vectors}' -k 1");
        Assert.That(code, Is.EqualTo(1), err);
        Assert.That(output, Does.Contain("king:").And.Contain("queen:"));
        Assert.That(err.Trim(), Is.EqualTo("fw2v: out of vocabulary: paris"));
    }
}

/// <summary>One --binary everywhere, and .bin means binary unless told otherwise.</summary>
public class BinaryOptionTests
{
    private static bool IsBinaryFile(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        int header = Array.IndexOf(bytes, (byte)'\n');
        // A text file's body is digits, signs, dots, spaces and letters; a binary one has raw float bytes.
        return bytes.Skip(header + 1).Any(b => b >= 0x80 || (b < 0x20 && b != (byte)'\n'));
    }

    private static string[] Train(TempFolder temp, string output, params string[] more) =>
        ["-train", TestData.RequireShared(TestData.Lee), "-output", output, "-size", "10", "-iter", "1", "-min-count", "20", "-threads", "1", .. more];

    [Test]
    public void Train_writes_a_bin_path_as_binary_unless_told_otherwise_and_says_which()
    {
        using var temp = new TempFolder();
        var (code, _, err) = Run(Train(temp, temp.File("v.bin")));
        Assert.That(code, Is.Zero, err);
        Assert.That(IsBinaryFile(temp.File("v.bin")), Is.True);
        Assert.That(err, Does.Contain("v.bin:").And.Contain("binary"));

        (code, _, err) = Run(Train(temp, temp.File("t.bin"), "-binary", "0"));
        Assert.That(code, Is.Zero, err);
        Assert.That(IsBinaryFile(temp.File("t.bin")), Is.False);
        Assert.That(err, Does.Contain("text"));

        (code, _, err) = Run(Train(temp, temp.File("b.vec"), "--binary"));
        Assert.That(code, Is.Zero, err);
        Assert.That(IsBinaryFile(temp.File("b.vec")), Is.True);
    }

    [Test]
    public void Convert_takes_word2vec_c_spelling_too()
    {
        using var temp = new TempFolder();
        string text = temp.Write("v.txt", "2 2\na 1 2\nb 3 4\n");
        var (code, _, err) = Run("convert", text, temp.File("out.vec"), "-binary", "1");
        Assert.That(code, Is.Zero, err);
        Assert.That(err, Does.Contain("(binary)"));
        Assert.That(IsBinaryFile(temp.File("out.vec")), Is.True);
        (code, _, err) = Run("convert", "--binary", text, temp.File("out2.vec"));
        Assert.That(code, Is.Zero, err);
        Assert.That(IsBinaryFile(temp.File("out2.vec")), Is.True);
    }
}

/// <summary>-debug levels that mean something: 0 nothing but errors, 1 the summary, 2 progress as well.</summary>
public class DebugLevelTests
{
    [TestCase(0, false, false)]
    [TestCase(1, true, false)]
    [TestCase(2, true, true)]
    public void Debug_levels(int level, bool summary, bool progress)
    {
        using var temp = new TempFolder();
        var (code, _, err) = Run("-train", TestData.RequireShared(TestData.Lee), "-output", temp.File("v.txt"), "-size", "10", "-iter", "1",
            "-min-count", "20", "-threads", "1", "-debug", level.ToString());
        Assert.That(code, Is.Zero, err);
        Assert.That(err.Contains("Training:"), Is.EqualTo(summary), err);
        Assert.That(err.Contains("progress:"), Is.EqualTo(progress), err);
    }
}

/// <summary>Every help page shows every spelling of its options, their defaults and an example.</summary>
public class HelpPageTests
{
    [TestCase("train", "--size", "-size", "--output", "-output", "--binary", "-binary", "--min-count", "-min-count", "[default: 100]")]
    [TestCase("phrases", "--threshold", "-threshold", "--output", "-output", "[default: 5]")]
    [TestCase("vocab", "--min-count", "-min-count", "--save-vocab", "-save-vocab")]
    [TestCase("convert", "--binary", "-binary")]
    [TestCase("nn", "-k", "--k", "[default: 10]")]
    [TestCase("classes", "--output", "-output", "-o")]
    [TestCase("eval analogy", "--restrict", "[default: 30000]")]
    [TestCase("eval similarity", "--restrict")]
    [TestCase("analogy", "-k")]
    [TestCase("bench", "--threads")]
    public void Help_shows_both_spellings_defaults_and_an_example(string command, params string[] expected)
    {
        var (code, output, err) = Run([.. command.Split(' '), "--help"]);
        Assert.That(code, Is.Zero, err);
        foreach (string text in expected) Assert.That(output, Does.Contain(text), $"{command} --help");
        Assert.That(output, Does.Contain("Examples:").And.Contain($"fw2v {command}"));
    }
}

/// <summary>The loss summary: first → last epoch and the best in one line; every epoch with -debug 3.</summary>
public class LossSummaryTests
{
    [Test]
    public void The_summary_gives_first_last_and_best_epoch_loss_and_debug_3_every_epoch()
    {
        using var temp = new TempFolder();
        var (code, _, err) = Run("-train", TestData.RequireShared(TestData.Lee), "-output", temp.File("v.txt"), "-size", "10",
            "-iter", "3", "-min-count", "20", "-threads", "2", "-debug", "3");
        Assert.That(code, Is.Zero, err);
        string line = err.Split('\n').Single(l => l.StartsWith("Loss:"));
        var summary = System.Text.RegularExpressions.Regex.Match(line, @"(\d+\.\d+) → (\d+\.\d+) \(best (\d+\.\d+), epoch (\d)\)");
        Assert.That(summary.Success, line);
        var losses = System.Text.RegularExpressions.Regex.Matches(err, @"^Epoch (\d) +loss (\d+\.\d+), ",
                System.Text.RegularExpressions.RegexOptions.Multiline)
            .Select(m => double.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.That(losses, Has.Count.EqualTo(3), err);
        Assert.That(losses[2], Is.LessThan(losses[0]), "the loss falls from the first epoch to the last");
        double Parse(int group) => double.Parse(summary.Groups[group].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(Parse(1), Is.EqualTo(losses[0]).Within(1e-4));
        Assert.That(Parse(2), Is.EqualTo(losses[2]).Within(1e-4));
        Assert.That(Parse(3), Is.EqualTo(losses.Min()).Within(1e-4));
    }

    [Test]
    public void On_a_60_column_terminal_no_line_of_a_60_epoch_run_is_wider()
    {
        using var temp = new TempFolder();
        var (code, _, err) = RunWithColumns(60, "-train", TestData.RequireShared(TestData.Lee), "-output",
            temp.File("v.txt"), "-size", "10", "-iter", "60", "-min-count", "20", "-threads", "2", "-debug", "1");
        Assert.That(code, Is.Zero, err);
        var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Some.StartsWith("Loss:"));
        Assert.That(lines.Where(l => l.Length > 60), Is.Empty);
    }

    private static (int Code, string Out, string Err) RunWithColumns(int columns, params string[] args)
    {
        string? before = Environment.GetEnvironmentVariable("FW2V_COLUMNS");
        Environment.SetEnvironmentVariable("FW2V_COLUMNS", columns.ToString());
        try { return Run(args); }
        finally { Environment.SetEnvironmentVariable("FW2V_COLUMNS", before); }
    }
}
