using FastW2V.Tests.Preparation;
using static FastW2V.Tests.Cli.CliHarness;

namespace FastW2V.Tests.Cli;

/// <summary>`train` and `vocab` read a corpus of many files named in any of the ways users have them.</summary>
public class ManyInputsTests
{
    private static string Vocabulary(TempFolder temp, string name, params string[] input)
    {
        string path = temp.File(name);
        var (code, _, err) = Run(["vocab", .. input, "-min-count", "1", "--save-vocab", path, "-q"]);
        Assert.That(code, Is.Zero, err);
        return File.ReadAllText(path);
    }

    [TestCase("1")]
    [TestCase("2")]
    public void A_folder_a_list_of_paths_a_quoted_pattern_and_an_input_list_equal_the_concatenation(string threads)
    {
        using var temp = new TempFolder();
        var (files, all) = FileSetTests.Shards(temp);
        Directory.CreateDirectory(temp.File("shards"));
        foreach (string f in files) File.Move(f, temp.File(Path.Combine("shards", Path.GetFileName(f))));
        var moved = files.Select(f => temp.File(Path.Combine("shards", Path.GetFileName(f)))).ToArray();
        string list = temp.Write("list.txt", string.Join('\n', moved) + "\n");
        string expected = Vocabulary(temp, "all.vocab", "-train", all, "-threads", "1");
        Assert.That(Vocabulary(temp, "dir.vocab", "-train", temp.File("shards"), "-threads", threads), Is.EqualTo(expected));
        Assert.That(Vocabulary(temp, "paths.vocab", ["-train", .. moved, "-threads", threads]), Is.EqualTo(expected));
        Assert.That(Vocabulary(temp, "glob.vocab", "-train", temp.File("shards/part-*"), "-threads", threads),
            Is.EqualTo(expected));
        Assert.That(Vocabulary(temp, "list.vocab", "--input-list", list, "-threads", threads), Is.EqualTo(expected));
    }

    [Test]
    public void Training_on_many_files_writes_vectors_of_their_vocabulary()
    {
        using var temp = new TempFolder();
        var (files, _) = FileSetTests.Shards(temp);
        var (code, _, err) = Run(["-train", .. files, "-output", temp.File("v.txt"), "-size", "10", "-iter", "1",
            "-min-count", "5", "-threads", "2", "-save-vocab", temp.File("vocab.txt")]);
        Assert.That(code, Is.Zero, err);
        Assert.That(File.ReadLines(temp.File("v.txt")).Count() - 1, Is.EqualTo(File.ReadLines(temp.File("vocab.txt")).Count()));
        var (_, report, _) = Run(["vocab", "-train", .. files]);
        Assert.That(report, Does.Contain("Corpus:     8 files"));
    }

    [Test]
    public void Gzip_on_standard_input_is_recognised_by_its_magic_bytes()
    {
        using var temp = new TempFolder();
        string lee = TestData.RequireShared(TestData.Lee);
        var (code, _, err) = RunShell("bash", $"set -o pipefail; gzip -c '{lee}' | FW2V train -i - -o '{temp.File("v.txt")}' "
            + "-size 10 -iter 1 -min-count 5 -threads 2 -debug 1");
        Assert.That(code, Is.Zero, err);
        var (plain, _, perr) = Run("vocab", "-train", lee, "-q", "--save-vocab", temp.File("plain.vocab"));
        Assert.That(plain, Is.Zero, perr);
        Assert.That(File.ReadLines(temp.File("v.txt")).Count() - 1, Is.EqualTo(File.ReadLines(temp.File("plain.vocab")).Count()));
    }

    [Test]
    public void A_folder_entry_that_is_not_a_file_is_skipped_and_said()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.File("d/inner"));
        File.Copy(TestData.RequireShared(TestData.Lee), temp.File("d/lee.txt"));
        var (code, _, err) = Run("vocab", "-train", temp.File("d"), "-min-count", "5");
        Assert.That(code, Is.Zero, err);
        Assert.That(err, Does.Contain("Skipped").And.Contain("inner"));
    }

    [Test]
    public void A_missing_file_among_many_is_one_line_naming_it()
    {
        using var temp = new TempFolder();
        AssertOneLine(Run("vocab", "-train", TestData.RequireShared(TestData.Lee), temp.File("nope.txt")), "nope.txt");
    }
}

/// <summary>Many inputs never cost the user a file, a descriptor or the truth.</summary>
public class ManyInputsSafetyTests
{
    [Test]
    public void An_output_naming_any_input_or_landing_in_an_input_folder_is_refused()
    {
        using var temp = new TempFolder();
        string a = temp.Write("a.txt", "one two three\n"), b = temp.Write("b.txt", "four five six\n");
        AssertOneLine(Run("-train", a, b, "-output", b, "-size", "8"), "same file");
        Assert.That(File.ReadAllText(b), Is.EqualTo("four five six\n"));
        AssertOneLine(Run("vocab", "-train", a, b, "--save-vocab", b), "same file");
        Directory.CreateDirectory(temp.File("d"));
        File.Copy(a, temp.File("d/a.txt"));
        AssertOneLine(Run("-train", temp.File("d"), "-output", temp.File("d/vectors.txt"), "-size", "8"), "inside the input folder");
    }

    [Test]
    public void Standard_input_cannot_be_both_the_list_and_a_text() =>
        AssertOneLine(Run("vocab", "-train", "-", "--input-list", "-"), "Standard input can be read once");

    [Test]
    public void Counting_past_the_prune_threshold_still_reports_the_bytes_read()
    {
        using var temp = new TempFolder();
        var (files, _) = FastW2V.Tests.Preparation.FileSetTests.Shards(temp);
        var (code, text, err) = Run(["vocab", "-train", .. files, "--prune-threshold", "1000", "-min-count", "1"]);
        Assert.That(code, Is.Zero, err);
        Assert.That(text, Does.Match(@"Corpus: +8 files \(.*\): [1-9][\d,]* bytes"));
        Assert.That(text, Does.Not.Contain("NaN"));
    }

    [Test]
    public void More_files_than_the_process_may_open_are_read_one_at_a_time()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.File("many"));
        for (int i = 0; i < 1500; i++) File.WriteAllText(temp.File($"many/{i:D4}.txt"), $"word{i % 7} other{i % 3}\n");
        var (code, output, err) = RunShell("bash", $"ulimit -n 1024 && FW2V vocab -train '{temp.File("many")}' -threads 2 "
            + "-min-count 1");
        Assert.That(code, Is.Zero, err);
        Assert.That(output, Does.Contain("1,500 files").Or.Contain("1500 files"));
    }
}

/// <summary>A run over many files checkpoints and resumes like a run over one.</summary>
public class ManyInputsCheckpointTests
{
    [Test]
    public void A_checkpoint_records_every_file_resumes_to_the_same_vectors_and_refuses_a_changed_set()
    {
        using var temp = new TempFolder();
        string[] lines = File.ReadAllLines(TestData.RequireShared(TestData.Lee));
        string a = temp.Write("a.txt", string.Join('\n', lines[..150]) + "\n");
        string b = temp.Write("b.txt", string.Join('\n', lines[150..]) + "\n");
        string whole = temp.File("whole.txt"), output = temp.File("v.txt"), checkpoint = temp.File("run.ckpt");
        string[] job = ["train", "-train", a, b, "-size", "12", "-iter", "3", "-min-count", "5", "-threads", "1",
            "-cbow", "0", "--checkpoint", checkpoint];
        var (code, _, err) = Run([.. job, "-output", whole]);
        Assert.That(code, Is.Zero, err);
        var saved = FastW2V.Training.CheckpointFile.Read(checkpoint);
        Assert.That(saved.Corpus.Select(c => Path.GetFileName(c.Path)), Is.EqualTo(new[] { "a.txt", "b.txt" }));

        File.Move(whole, output);
        (code, _, err) = Run("train", "--resume", checkpoint);
        Assert.That(code, Is.Zero, err);
        // (the resumed run writes to the checkpoint's output, whole.txt: it must equal the uninterrupted one)
        Assert.That(File.ReadAllBytes(whole), Is.EqualTo(File.ReadAllBytes(output)));

        File.AppendAllText(b, "one more line\n");
        (code, _, err) = Run("train", "--resume", checkpoint);
        Assert.That(code, Is.EqualTo(1));
        Assert.That(err.TrimEnd().Split('\n')[^1], Does.Contain("b.txt' is not the one the checkpoint was written from"));
    }
}

/// <summary>train reads any one of its inputs from standard input.</summary>
public class TrainStandardInputTests
{
    [Test]
    public void Evaluation_questions_and_a_vocabulary_can_come_from_standard_input()
    {
        using var temp = new TempFolder();
        string lee = TestData.RequireShared(TestData.Lee);
        string questions = ": capital\nAthens Greece Baghdad Iraq\n: family\nboy girl brother sister\n";
        var (code, output, err) = RunPiped(questions, "-train", lee, "-output", temp.File("v.txt"), "-size", "10",
            "-iter", "1", "-threads", "2", "-min-count", "3", "--eval-analogy", "-", "-debug", "0");
        Assert.That(code, Is.Zero, err);
        Assert.That(output, Does.Contain("Final: analogy"));
        var (vocabCode, _, vocabErr) = Run("vocab", "-train", lee, "-min-count", "20", "--save-vocab", temp.File("vocab.txt"), "-q");
        Assert.That(vocabCode, Is.Zero, vocabErr);
        (code, _, err) = RunPiped(File.ReadAllText(temp.File("vocab.txt")), "-train", lee, "-read-vocab", "-",
            "-output", temp.File("w.txt"), "-size", "10", "-iter", "1", "-threads", "2", "-debug", "0");
        Assert.That(code, Is.Zero, err);
        Assert.That(File.ReadLines(temp.File("w.txt")).Count() - 1, Is.EqualTo(File.ReadLines(temp.File("vocab.txt")).Count()));
    }

    [Test]
    public void Two_inputs_on_standard_input_are_one_line() =>
        AssertOneLine(Run("-train", "-", "-output", "/dev/null", "--eval-analogy", "-"), "Only one input can be standard input");
}
