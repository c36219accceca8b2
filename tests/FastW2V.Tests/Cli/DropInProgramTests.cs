using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using FastW2V.Formats;
using static FastW2V.Tests.Cli.CliHarness;

namespace FastW2V.Tests.Cli;

/// <summary>
/// fw2v started under the names of word2vec.c's programs (distance, word-analogy, compute-accuracy,
/// word2vec, word2phrase) takes their arguments and prints their output, on vectors trained from Lee.
/// </summary>
public class DropInProgramTests
{
    private const string DistancePrompt = "Enter word or sentence (EXIT to break): ";
    private const string AnalogyPrompt = "Enter three words (EXIT to break): ";
    private static readonly string Dashes = new('-', 72);
    // "%50s\t\t%f": the word right-aligned in 50 columns, two tabs, six decimals.
    private static readonly Regex AnswerLine = new(@"^ *(\S+)\t\t(-?\d+\.\d{6})$");

    private TempFolder _temp = null!;
    private string _vectors = "";
    private string[] _words = [];

    [OneTimeSetUp]
    public void TrainLee()
    {
        _temp = new TempFolder();
        _vectors = _temp.File("lee.bin");
        var (code, _, err) = Run("-train", TestData.RequireShared(TestData.Lee), "-output", _vectors, "-size", "40",
            "-iter", "5", "-threads", "2", "-binary", "1", "-debug", "0");
        Assert.That(code, Is.Zero, err);
        using var v = VectorFileReader.Read(_vectors);
        _words = Enumerable.Range(1, v.Count - 1).Select(v.GetWord).Where(w => w.All(char.IsAsciiLetterLower))
            .Take(5).ToArray();
    }

    [OneTimeTearDown]
    public void Clean() => _temp.Dispose();

    private int Position(string word)
    {
        using var v = VectorFileReader.Read(_vectors);
        return v.Find(word);
    }

    /// <summary>The 40 answer lines after a header: the words and their scores, best first.</summary>
    private static List<(string Word, double Score)> Answers(string[] lines, int header)
    {
        var answers = new List<(string, double)>();
        for (int i = header + 2; i < header + 42; i++)
        {
            Assert.That(lines[i], Has.Length.EqualTo(50 + 2 + lines[i].Split('\t')[^1].Length), lines[i]);
            var m = AnswerLine.Match(lines[i]);
            Assert.That(m.Success, lines[i]);
            answers.Add((m.Groups[1].Value, double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)));
        }
        Assert.That(answers.Select(a => a.Item2), Is.Ordered.Descending);
        return answers;
    }

    [Test]
    public void Distance_prints_the_prompt_each_word_s_position_the_header_and_40_neighbours()
    {
        string w0 = _words[0], w1 = _words[1];
        var (code, output, err) = RunAs("distance", $"{w0}\n{w0} {w1}\nnosuchword {w0}\nEXIT\n", _vectors);
        Assert.That(code, Is.Zero, err);
        Assert.That(err, Is.Empty);
        // Four prompts (the last answered by EXIT), each without a newline, as distance writes them.
        Assert.That(Regex.Matches(output, Regex.Escape(DistancePrompt)).Count, Is.EqualTo(4));
        Assert.That(output, Does.StartWith(DistancePrompt + $"\nWord: {w0}  Position in vocabulary: {Position(w0)}\n"));
        Assert.That(output, Does.EndWith(
            "\nWord: nosuchword  Position in vocabulary: -1\nOut of dictionary word!\n" + DistancePrompt));
        var lines = output.Split('\n');
        string header = $"{"Word",50}       Cosine distance";
        int[] headers = lines.Select((l, i) => (l, i)).Where(x => x.l == header).Select(x => x.i).ToArray();
        Assert.That(headers, Has.Length.EqualTo(2));
        Assert.That(lines[headers[1] - 2], Is.EqualTo($"Word: {w1}  Position in vocabulary: {Position(w1)}"));
        foreach (int h in headers)
        {
            Assert.That(lines[h - 1], Is.Empty);
            Assert.That(lines[h + 1], Is.EqualTo(Dashes));
            var answers = Answers(lines, h);
            Assert.That(answers.Select(a => a.Word), Does.Not.Contain(w0), "the query's words are never answers");
            Assert.That(answers.Select(a => a.Score), Is.All.InRange(-1.0, 1.0));
        }
        Assert.That(Answers(lines, headers[1]).Select(a => a.Word), Does.Not.Contain(w1));
        // The same neighbour and cosine as fw2v nn (which rounds to four decimals).
        var nn = Run("nn", _vectors, w0, "-k", "1");
        Assert.That(nn.Code, Is.Zero, nn.Err);
        var first = Answers(lines, headers[0])[0];
        string[] nnFirst = nn.Out.Split('\n')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(first.Score, Is.EqualTo(double.Parse(nnFirst[1], CultureInfo.InvariantCulture)).Within(1.5e-4));
    }

    [Test]
    public void Word_analogy_prints_its_prompt_positions_header_and_40_answers()
    {
        string a = _words[0], b = _words[1], c = _words[2];
        string input = $"{a} {b}\n{a} {b} {c}\nnosuchword {b} {c}\n</s> {b} {c}\nEXIT\n";
        var (code, output, err) = RunAs("word-analogy", input, _vectors);
        Assert.That(code, Is.Zero, err);
        Assert.That(Regex.Matches(output, Regex.Escape(AnalogyPrompt)).Count, Is.EqualTo(5));
        Assert.That(output, Does.StartWith(AnalogyPrompt
            + "Only 2 words were entered.. three words are needed at the input to perform the calculation\n"
            + AnalogyPrompt));
        // word-analogy reports an unknown word at position 0, and so takes the first word, </s>, as unknown.
        const string unknown = "  Position in vocabulary: 0\nOut of dictionary word!\n" + AnalogyPrompt;
        Assert.That(output, Does.Contain("\nWord: nosuchword" + unknown));
        Assert.That(output, Does.EndWith("\nWord: </s>" + unknown));
        var lines = output.Split('\n');
        int header = Array.IndexOf(lines, $"{"Word",50}              Distance");
        Assert.That(lines[(header - 7)..header], Is.EqualTo(new[]
        {
            AnalogyPrompt, $"Word: {a}  Position in vocabulary: {Position(a)}", "",
            $"Word: {b}  Position in vocabulary: {Position(b)}", "",
            $"Word: {c}  Position in vocabulary: {Position(c)}", "",
        }));
        Assert.That(lines[header + 1], Is.EqualTo(Dashes));
        var answers = Answers(lines, header);
        Assert.That(answers.Select(x => x.Word), Has.None.AnyOf(a, b, c));
        Assert.That(answers.Select(x => x.Score), Is.All.GreaterThan(0));
        // The best answer is fw2v analogy's.
        var analogy = Run("analogy", _vectors, a, b, c, "-k", "1");
        Assert.That(analogy.Code, Is.Zero, analogy.Err);
        string[] best = analogy.Out.Split('\n')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(answers[0].Score, Is.EqualTo(double.Parse(best[1], CultureInfo.InvariantCulture)).Within(1.5e-4));
    }

    private static string Section(string name, string top1, string total, string semantic, string syntactic) =>
        $"{name}:\nACCURACY TOP1: {top1}\n"
        + $"Total accuracy: {total} %   Semantic accuracy: {semantic} %   Syntactic accuracy: {syntactic} % \n";

    /// <summary>What word2vec.c's compute-accuracy prints for the vectors and questions below (in binary).</summary>
    private static readonly string KnownAccuracy =
        Section("s1", "100.00 %  (1 / 1)", "100.00", "100.00", "-nan")
        + Section("s2", "0.00 %  (0 / 1)", "100.00", "100.00", "-nan")
        + Section("s3", "0.00 %  (0 / 1)", "100.00", "100.00", "-nan")
        + Section("s4", "0.00 %  (0 / 1)", "100.00", "100.00", "-nan")
        + Section("s5", "0.00 %  (0 / 1)", "100.00", "100.00", "-nan")
        + Section("s6", "100.00 %  (1 / 1)", "100.00", "100.00", "100.00")
        + Section("s7", "50.00 %  (1 / 2)", "75.00", "100.00", "66.67")
        + "Questions seen / total: 4 5   80.00 % \n";

    [Test]
    public void Compute_accuracy_prints_what_the_original_prints_for_known_answers()
    {
        using var temp = new TempFolder();
        string vectors = temp.Write("v.txt", "5 3\nman 1 0 0\nwoman 1 1 0\nking 1 0 1\nqueen 1 1 1\nfrance 0 0 1\n");
        // s2's dragon is unknown; s3 to s5 are empty (shown as 0 of 1); s6 and s7 are syntactic; upper
        // case matches; woman : man :: queen : king, not france.
        string questions = ": s1\nman woman king queen\n: s2\nman woman king dragon\n: s3\n: s4\n: s5\n: s6\n"
            + "king queen man woman\n: s7\nMAN WOMAN KING QUEEN\nwoman man queen france\n";
        var (code, output, err) = RunAs("compute-accuracy", questions, vectors);
        Assert.That(code, Is.Zero, err);
        Assert.That(output, Is.EqualTo(KnownAccuracy));
    }

    [TestCase("30000")]
    [TestCase("300")]
    [TestCase("0")]
    public void Compute_accuracy_on_Lee_counts_as_eval_analogy(string threshold)
    {
        string questions = TestData.RequireShared(TestData.Questions);
        var (code, output, err) = RunAs("compute-accuracy", File.ReadAllText(questions), _vectors, threshold);
        Assert.That(code, Is.Zero, err);
        string restrict = threshold == "0" ? "1000000" : threshold;
        var eval = Run("eval", "analogy", _vectors, questions, "--json", "--restrict", restrict);
        Assert.That(eval.Code, Is.Zero, eval.Err);
        using var report = JsonDocument.Parse(eval.Out);
        var sections = report.RootElement.GetProperty("sections").EnumerateArray().ToList();
        var lines = output.Split('\n');
        Assert.That(lines, Has.Length.EqualTo(3 * sections.Count + 2), output);
        int correct = 0, seen = 0;
        for (int i = 0; i < sections.Count; i++)
        {
            int c = sections[i].GetProperty("correct").GetInt32(), n = sections[i].GetProperty("seen").GetInt32();
            correct += c;
            seen += n;
            Assert.That(lines[3 * i], Is.EqualTo(sections[i].GetProperty("name").GetString() + ":"));
            Assert.That(lines[3 * i + 1],
                Does.Match(@"^ACCURACY TOP1: \d+\.\d\d %  \(" + $@"{c} / {Math.Max(1, n)}\)$"));
            var total = Regex.Match(lines[3 * i + 2],
                @"^Total accuracy: (\S+) %   Semantic accuracy: \S+ %   Syntactic accuracy: \S+ % $");
            Assert.That(total.Success, lines[3 * i + 2]);
            Assert.That(total.Groups[1].Value, seen == 0 ? Is.EqualTo("-nan").Or.EqualTo("nan")
                : Is.EqualTo((100.0 * correct / seen).ToString("F2", CultureInfo.InvariantCulture)));
        }
        var all = report.RootElement.GetProperty("total");
        int Total(string name) => all.GetProperty(name).GetInt32();
        Assert.That((correct, seen), Is.EqualTo((Total("correct"), Total("seen"))));
        Assert.That(lines[^2], Does.StartWith($"Questions seen / total: {seen} {Total("total")}   "));
        Assert.That(lines[^1], Is.Empty);
    }

    [Test]
    public void The_programs_are_fw2v_commands_too()
    {
        string input = $"{_words[0]}\n{_words[0]} {_words[1]} {_words[2]}\nEXIT\n";
        foreach (string program in new[] { "distance", "word-analogy" })
            Assert.That(RunAs(null, input, program, _vectors), Is.EqualTo(RunAs(program, input, _vectors)), program);
        string questions = File.ReadAllText(TestData.RequireShared(TestData.Questions));
        Assert.That(RunAs(null, questions, "compute-accuracy", _vectors, "500"),
            Is.EqualTo(RunAs("compute-accuracy", questions, _vectors, "500")));
    }

    [TestCase("distance", "Usage: distance <FILE>")]
    [TestCase("word-analogy", "Usage: word-analogy <FILE>")]
    [TestCase("compute-accuracy", "Usage: compute-accuracy <FILE> <threshold>")]
    [TestCase("word2vec", " train [options]")]
    [TestCase("word2phrase", " phrases [options]")]
    public void Alone_each_prints_its_usage_and_succeeds(string program, string usage)
    {
        var (code, output, err) = RunAs(program, "");
        Assert.That(code, Is.Zero, err);
        Assert.That(output, Does.Contain(usage));
        (code, output, err) = RunAs(program, "", "--help");
        Assert.That(code, Is.Zero, err);
        Assert.That(output, Does.Contain(usage));
    }

    [Test]
    public void A_missing_file_or_a_negative_threshold_is_a_one_line_error()
    {
        using var temp = new TempFolder();
        AssertOneLine(RunAs("distance", "", temp.File("missing.bin")), "missing.bin");
        AssertOneLine(RunAs("compute-accuracy", "", _vectors, "-5"), "threshold must be 0");
        AssertOneLine(Run("compute-accuracy", _vectors, "-5"), "threshold must be 0");
        AssertOneLine(RunAs("compute-accuracy", "", _vectors, "many"), "whole number of words (got 'many')",
            expected: 2);
    }

    [Test]
    public void Word2phrase_takes_its_flags_under_its_name_and_as_a_command()
    {
        using var temp = new TempFolder();
        string lee = TestData.RequireShared(TestData.Lee);
        string[] flags(string output) =>
            ["-train", lee, "-output", output, "-threshold", "100", "-min-count", "5", "-debug", "2"];
        var (code, _, err) = RunAs("word2phrase", "", flags(temp.File("linked.txt")));
        Assert.That(code, Is.Zero, err);
        Assert.That(err, Does.Contain("Words in train file: "));
        (code, _, err) = Run(["word2phrase", .. flags(temp.File("command.txt"))]);
        Assert.That(code, Is.Zero, err);
        (code, _, err) = Run(["phrases", .. flags(temp.File("phrases.txt"))]);
        Assert.That(code, Is.Zero, err);
        string phrases = File.ReadAllText(temp.File("phrases.txt"));
        Assert.That(phrases, Does.Match(@"[a-z]_[a-z]"), "some pairs are joined");
        Assert.That(File.ReadAllText(temp.File("linked.txt")), Is.EqualTo(phrases));
        Assert.That(File.ReadAllText(temp.File("command.txt")), Is.EqualTo(phrases));
    }

    [Test]
    public void Word2vec_under_its_name_trains_with_word2vec_c_s_flags()
    {
        using var temp = new TempFolder();
        var (code, _, err) = RunAs("word2vec", "", "-train", TestData.RequireShared(TestData.Lee),
            "-output", temp.File("v.bin"), "-cbow", "1", "-size", "20", "-window", "8", "-negative", "5", "-hs", "0",
            "-sample", "1e-4", "-threads", "2",
            "-binary", "1", "-iter", "1", "-debug", "0");
        Assert.That(code, Is.Zero, err);
        using (var v = VectorFileReader.Read(temp.File("v.bin"))) Assert.That(v.Dimension, Is.EqualTo(20));
        (code, _, err) = Run("word2vec", "-train", TestData.RequireShared(TestData.Lee), "-output", temp.File("c.txt"),
            "-size", "10", "-iter", "1", "-threads", "2", "-classes", "5", "-debug", "0");
        Assert.That(code, Is.Zero, err);
        Assert.That(File.ReadLines(temp.File("c.txt")).First(), Does.Match(@"^\S+ [0-4]$"), "a classes file");
    }
}
