using System.Text.Json;
using static FastW2V.Tests.Cli.CliHarness;

namespace FastW2V.Tests.Cli;

/// <summary>Machine-readable output: train --json, --progress json, --output -; parsed, not grepped.</summary>
public class MachineOutputTests
{
    private static string[] Train(TempFolder temp, string output, params string[] more) =>
        ["-train", TestData.RequireShared(TestData.Lee), "-output", output, "-size", "10", "-min-count", "20", "-threads", "2", .. more];

    [Test]
    public void Train_json_is_one_object_with_the_whole_run()
    {
        using var temp = new TempFolder();
        string questions = temp.Write("q.txt", ": family\nman woman king queen\n");
        var (code, output, err) = Run(Train(temp, temp.File("v.bin"), "-iter", "2", "--json", "-debug", "0", "--eval-analogy", questions, "-save-vocab", temp.File("vocab.txt")));
        Assert.That(code, Is.Zero, err);
        using var doc = JsonDocument.Parse(output); // stdout holds the JSON and nothing else
        var root = doc.RootElement;
        Assert.That(root.GetProperty("options").GetProperty("size").GetInt32(), Is.EqualTo(10));
        Assert.That(root.GetProperty("options").GetProperty("architecture").GetString(), Is.EqualTo("cbow"));
        Assert.That(root.GetProperty("vocabulary").GetProperty("words").GetInt32(), Is.GreaterThan(100));
        Assert.That(root.GetProperty("input").GetProperty("tokens").GetInt64(), Is.GreaterThan(50_000));
        var epochs = root.GetProperty("epochs").EnumerateArray().ToList();
        Assert.That(epochs, Has.Count.EqualTo(2));
        Assert.That(epochs.Select(e => e.GetProperty("loss").GetDouble()), Has.All.GreaterThan(0));
        Assert.That(root.GetProperty("wordsPerSecondPerThread").GetDouble(), Is.GreaterThan(0));
        Assert.That(root.GetProperty("peakMemoryMB").GetDouble(), Is.GreaterThan(0));
        var outputs = root.GetProperty("outputs").EnumerateArray().ToList();
        Assert.That(outputs[0].GetProperty("kind").GetString(), Is.EqualTo("vectors"));
        Assert.That(outputs[0].GetProperty("format").GetString(), Is.EqualTo("binary"));
        Assert.That(outputs.Select(o => o.GetProperty("kind").GetString()), Does.Contain("vocabulary"));
        var evaluation = root.GetProperty("evaluations")[0];
        Assert.That(evaluation.GetProperty("when").GetString(), Is.EqualTo("Final"));
        Assert.That(evaluation.GetProperty("analogy").GetProperty("total").GetProperty("total").GetInt32(), Is.EqualTo(1));
    }

    [Test]
    public void Progress_json_is_one_object_per_line()
    {
        using var temp = new TempFolder();
        var (code, _, err) = Run(Train(temp, temp.File("v.txt"), "--progress", "json", "-iter", "3"));
        Assert.That(code, Is.Zero, err);
        var lines = err.Split('\n').Where(l => l.StartsWith("{\"progress\"")).ToList();
        Assert.That(lines, Is.Not.Empty, err);
        foreach (string line in lines)
        {
            using var doc = JsonDocument.Parse(line);
            Assert.That(doc.RootElement.GetProperty("progress").GetDouble(), Is.InRange(0.0, 1.0));
            Assert.That(doc.RootElement.GetProperty("epochs").GetInt32(), Is.EqualTo(3));
        }
    }

    [Test]
    public void Progress_json_makes_every_stderr_line_a_json_object()
    {
        using var temp = new TempFolder();
        var (code, _, err) = Run(Train(temp, temp.File("v.txt"), "--progress", "json", "-iter", "2", "-debug", "3",
            "--loss", "hs", "--save-output-vectors", temp.File("out.txt")));
        Assert.That(code, Is.Zero, err);
        var keys = new List<string>();
        foreach (string line in err.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var doc = JsonDocument.Parse(line); // throws on any line that is not JSON
            Assert.That(doc.RootElement.ValueKind, Is.EqualTo(JsonValueKind.Object), line);
            keys.Add(doc.RootElement.EnumerateObject().First().Name);
            if (doc.RootElement.TryGetProperty("summary", out var summary))
                Assert.That(summary.GetProperty("epochs").GetArrayLength(), Is.EqualTo(2));
        }
        Assert.That(keys, Does.Contain("progress").And.Contain("log").And.Contain("warning").And.Contain("summary"));
        Assert.That(err, Does.Contain("{\"log\":\"Vocabulary:"));
    }

    [Test]
    public void Progress_json_reports_a_failed_run_as_json_too()
    {
        using var temp = new TempFolder();
        var (code, _, err) = Run("train", "-train", temp.File("missing.txt"), "-output", temp.File("v.txt"),
            "--progress", "json");
        Assert.That(code, Is.EqualTo(1), err);
        var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(1), err);
        using var doc = JsonDocument.Parse(lines[0]);
        Assert.That(doc.RootElement.GetProperty("error").GetString(), Does.Contain("does not exist"));
    }

    [Test]
    public void Output_dash_writes_text_vectors_to_standard_output()
    {
        string lee = TestData.RequireShared(TestData.Lee);
        var (code, output, err) = RunShell("bash", $"FW2V -train '{lee}' -output - -size 7 -iter 1 -min-count 20 -threads 1 -debug 0");
        Assert.That(code, Is.Zero, err);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(' ');
        Assert.That(int.Parse(header[1]), Is.EqualTo(7));
        Assert.That(lines, Has.Length.EqualTo(int.Parse(header[0]) + 1));
        Assert.That(lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(8));
    }

    [Test]
    public void Output_dash_with_json_is_refused()
    {
        using var temp = new TempFolder();
        AssertOneLine(Run(Train(temp, "-", "-iter", "1", "--json")), "standard output");
    }
}
