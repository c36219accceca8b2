using System.Diagnostics;
using FastW2V.Cli;
using FastW2V.Corpus;
using FastW2V.Training;
using static FastW2V.Tests.Cli.CliHarness;

namespace FastW2V.Tests.Cli;

/// <summary>Long runs: signals, checkpoints and resume through the command line, stale files, resource checks, progress.</summary>
public class LongRunTests
{
    private static string[] Train(TempFolder temp, string output, params string[] more) =>
        ["train", "-train", TestData.RequireShared(TestData.Lee), "-output", output, "-size", "16", "-min-count", "2",
         "-threads", "1", "-cbow", "0", "--cache", temp.File("cache"), .. more, .. more.Contains("-iter") ? [] : new[] { "-iter", "40" }];

    /// <summary>Starts `fw2v` in a child process; returns once training has begun.</summary>
    private static Process StartTraining(string[] args, List<string> errors)
    {
        // env restores SIGINT's default: a shell's background job (CI) inherits it ignored, and so would the child.
        var start = new ProcessStartInfo("env") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("--default-signal=INT,HUP,TERM");
        start.ArgumentList.Add("dotnet");
        start.ArgumentList.Add(typeof(FastW2V.Cli.Cli).Assembly.Location);
        foreach (string a in args) start.ArgumentList.Add(a);
        var p = Process.Start(start)!;
        var begun = new ManualResetEventSlim();
        p.ErrorDataReceived += (_, e) =>
        {
            if (e.Data == null) return;
            lock (errors) errors.Add(e.Data);
            if (e.Data.StartsWith("Kernels:")) begun.Set();
        };
        p.BeginErrorReadLine();
        p.StandardOutput.ReadToEndAsync();
        Assert.That(begun.Wait(TimeSpan.FromMinutes(2)), Is.True, "training never started: " + string.Join("\n", errors));
        return p;
    }

    private static void Signal(Process p, string name)
    {
        using var kill = Process.Start("kill", $"-{name} {p.Id}")!; // env exec()s dotnet: the same process
        kill.WaitForExit();
    }

    [Test]
    public void Sigterm_writes_a_checkpoint_removes_the_cache_and_resume_ends_bit_identical()
    {
        using var temp = new TempFolder();
        string whole = temp.File("whole.txt"), stopped = temp.File("stopped.txt"), checkpoint = temp.File("run.ckpt");
        var uninterrupted = Run(Train(temp, whole));
        Assert.That(uninterrupted.Code, Is.Zero, uninterrupted.Err);

        var errors = new List<string>();
        using var p = StartTraining(Train(temp, stopped, "--checkpoint", checkpoint), errors);
        Thread.Sleep(300);
        Signal(p, "TERM");
        Assert.That(p.WaitForExit(60_000), Is.True);
        p.WaitForExit();
        Assert.That(p.ExitCode, Is.EqualTo(143), string.Join("\n", errors));
        Assert.That(errors[^1], Does.StartWith("fw2v: stopped by SIGTERM; checkpoint written to"));
        Assert.That(File.Exists(checkpoint), Is.True);
        Assert.That(File.Exists(stopped), Is.False);
        Assert.That(Directory.GetFileSystemEntries(temp.File("cache")), Is.Empty, "the token-id cache is removed");
        Assert.That(Directory.GetFiles(temp.Path).Where(f => Path.GetFileName(f).StartsWith('.')), Is.Empty, "no temporary file is left");

        // --resume alone: options, corpus and output come from the checkpoint (the cache is rebuilt).
        var resumed = Run("train", "--resume", checkpoint);
        Assert.That(resumed.Code, Is.Zero, resumed.Err);
        Assert.That(File.ReadAllBytes(stopped), Is.EqualTo(File.ReadAllBytes(whole)), "one thread: bit-identical vectors");
        Assert.That(Directory.GetFileSystemEntries(temp.File("cache")), Is.Empty);
    }

    [TestCase("INT", 130, "SIGINT")]
    [TestCase("HUP", 129, "SIGHUP")]
    public void Sigint_and_sighup_stop_with_the_shells_exit_code_and_leave_nothing(string signal, int code, string name)
    {
        using var temp = new TempFolder();
        string output = temp.File("v.txt");
        var errors = new List<string>();
        using var p = StartTraining(Train(temp, output), errors);
        Thread.Sleep(200);
        Signal(p, signal);
        Assert.That(p.WaitForExit(60_000), Is.True);
        p.WaitForExit();
        Assert.That(p.ExitCode, Is.EqualTo(code), string.Join("\n", errors));
        Assert.That(errors[^1], Does.StartWith($"fw2v: stopped by {name}"));
        Assert.That(File.Exists(output), Is.False);
        Assert.That(Directory.GetFileSystemEntries(temp.File("cache")), Is.Empty);
    }

    [Test]
    public void Resume_takes_no_other_options_and_rejects_a_file_that_is_not_a_checkpoint()
    {
        using var temp = new TempFolder();
        string bad = temp.Write("x.ckpt", "not a checkpoint");
        var (code, _, err) = Run("train", "--resume", bad, "-iter", "3");
        Assert.That(code, Is.EqualTo(1));
        Assert.That(err, Does.Contain("takes no other option"));
        (code, _, err) = Run("train", "--resume", bad);
        Assert.That(code, Is.EqualTo(1));
        Assert.That(err.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(err, Does.Contain("not an fw2v checkpoint"));
    }

    [Test]
    public void Caches_and_temporary_outputs_of_dead_processes_are_reclaimed_and_live_ones_kept()
    {
        using var temp = new TempFolder();
        int dead = Enumerable.Range(30000, 2000).First(pid => !Directory.Exists($"/proc/{pid}"));
        int live = Environment.ProcessId == 1 ? 1 : Process.GetCurrentProcess().Id;
        string cache = temp.File("cache");
        string Name(string prefix, int pid) => prefix + TemporaryPaths.Suffix(prefix, pid, 0xbadc0de);
        string deadCache = Path.Combine(cache, Name("fw2v-", dead)), liveCache = Path.Combine(cache, Name("fw2v-", live));
        Directory.CreateDirectory(deadCache);
        Directory.CreateDirectory(liveCache);
        File.WriteAllBytes(Path.Combine(deadCache, "shard-000.ids"), new byte[4000]);
        File.WriteAllBytes(Path.Combine(deadCache, ".lock"), []);
        File.WriteAllBytes(Path.Combine(liveCache, ".lock"), []);
        string deadTemp = temp.File(Name(".v.txt.tmp-", dead)), liveTemp = temp.File(Name(".v.txt.tmp-", live));
        File.WriteAllText(deadTemp, "half");
        File.WriteAllText(liveTemp, "half");
        // A run in another container: its process id means nothing here, but it holds its folder's lock.
        int other = Enumerable.Range(32000, 700).First(pid => pid != dead && !Directory.Exists($"/proc/{pid}"));
        string lockedCache = Path.Combine(cache, Name("fw2v-", other));
        Directory.CreateDirectory(lockedCache);
        using var held = new FileStream(Path.Combine(lockedCache, ".lock"), FileMode.Create, FileAccess.ReadWrite, FileShare.None);
        var (code, _, err) = Run(Train(temp, temp.File("v.txt"), "-iter", "1"));
        Assert.That(code, Is.Zero, err);
        Assert.That(err, Does.Contain("Removed 1 cache folder(s)"));
        Assert.That(Directory.Exists(lockedCache), Is.True, "a folder whose lock is held is not taken");
        Assert.That(Directory.Exists(deadCache), Is.False);
        Assert.That(File.Exists(deadTemp), Is.False);
        Assert.That(Directory.Exists(liveCache), Is.True, "this process is alive: its folder is not taken");
        Assert.That(File.Exists(liveTemp), Is.True);
    }

    [Test]
    public void Init_vectors_start_the_words_they_hold_and_a_wrong_dimension_is_one_line()
    {
        using var temp = new TempFolder();
        string init = temp.File("init.txt"), output = temp.File("v.txt");
        File.WriteAllText(init, "2 16\nthe " + string.Join(' ', Enumerable.Repeat("0.7", 16)) + "\nzzzunseen " + string.Join(' ', Enumerable.Repeat("1", 16)) + "\n");
        var (code, _, err) = Run(Train(temp, output, "-iter", "1", "-alpha", "1e-9", "--init-vectors", init));
        Assert.That(code, Is.Zero, err);
        Assert.That(err, Does.Contain("Initial vectors: 1 of"));
        var the = File.ReadLines(output).First(l => l.StartsWith("the ")).Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(float.Parse);
        Assert.That(the, Is.All.EqualTo(0.7f).Within(1e-4f));
        string narrow = temp.File("init8.txt");
        File.WriteAllText(narrow, "1 8\nthe " + string.Join(' ', Enumerable.Repeat("0.7", 8)) + "\n");
        (code, _, err) = Run(Train(temp, output, "-iter", "1", "--init-vectors", narrow));
        Assert.That(code, Is.EqualTo(1));
        Assert.That(err.TrimEnd().Split('\n').Last(), Does.Contain("8 dimensions, the model 16"));
    }

    [Test]
    public void Memory_past_what_is_available_stops_with_the_figure_and_the_ways_out()
    {
        var options = new TrainingOptions { Dimension = 10_000 };
        Assert.That(MemoryEstimate.TrainingBytes(200_000, options), Is.GreaterThan(16_000_000_000L));
        var e = Assert.Throws<FastW2VException>(() => MemoryEstimate.Check(200_000, options, available: 8L << 30));
        Assert.That(e!.Message, Does.Contain("200,000 words × 10000 dimensions × 2 matrices").And.Contain("8.0 GiB is available").And.Contain("--force"));
        Assert.DoesNotThrow(() => MemoryEstimate.Check(200_000, new TrainingOptions { Dimension = 100 }, available: 8L << 30));
    }

    [Test]
    public void The_cache_estimate_is_close_to_four_bytes_a_token()
    {
        string lee = TestData.RequireShared(TestData.Lee);
        long tokens = Tokenization.SplitReference(File.ReadAllBytes(lee)).Count;
        long? estimate = CacheEstimate.Bytes(new CorpusSource(lee));
        Assert.That(estimate, Is.InRange(4 * tokens, 4 * tokens * 1.2 + (1 << 20)));
    }

    [TestCase(80)]
    [TestCase(60)]
    [TestCase(30)]
    public void The_progress_line_fits_the_terminal(int width)
    {
        string[] fields = ["  42.0%", "epoch 3/5", "ETA 1:02:03", "1,234k words/s", "lr 0.012345", "loss 2.3456", "[617k 617k]"];
        string line = ProgressDisplay.FitLine(0.42, fields, width);
        Assert.That(line.Length, Is.LessThan(width));
        Assert.That(line, Does.Contain("42.0%"));
        if (width >= 60) Assert.That(line, Does.Contain("ETA 1:02:03").And.Contain("epoch 3/5"));
        Assert.That(ProgressDisplay.Clock(TimeSpan.FromSeconds(3 * 3600 + 62)), Is.EqualTo("3:01:02"));
    }

    /// <summary>
    /// The checkpoint's folder is a tmpfs with room for one checkpoint: the first (after epoch 1) is written, the
    /// second cannot be (the temporary copy does not fit beside it). That is a warning naming the checkpoint,
    /// training goes on to the uninterrupted vectors, and the first checkpoint is intact: it resumes to them.
    /// </summary>
    [Test]
    public void A_full_disk_at_a_later_checkpoint_is_a_warning_and_the_previous_checkpoint_is_kept()
    {
        using var temp = new TempFolder();
        string whole = temp.File("whole.txt"), sized = temp.File("sized.ckpt"), output = temp.File("v.txt");
        var reference = Run(Train(temp, whole, "-iter", "3", "--checkpoint", sized));
        Assert.That(reference.Code, Is.Zero, reference.Err);
        long size = new FileInfo(sized).Length;
        using var disk = SmallDisk.Mount(temp.File("disk"), size + size / 2);
        if (disk == null) Assert.Ignore("a tmpfs cannot be mounted here (needs root)");
        string checkpoint = Path.Combine(disk.Path, "run.ckpt");

        var (code, _, err) = Run(Train(temp, output, "-iter", "3", "--checkpoint", checkpoint));
        Assert.That(code, Is.Zero, err);
        var warnings = err.Split('\n').Where(l => l.StartsWith("warning:")).ToList();
        Assert.That(warnings, Has.Count.EqualTo(1), err);
        Assert.That(warnings[0], Does.Contain(checkpoint).And.Contain("No space left on device")
            .And.Contain("training goes on"));
        Assert.That(File.ReadAllBytes(output), Is.EqualTo(File.ReadAllBytes(whole)));
        Assert.That(Directory.GetFiles(disk.Path), Is.EqualTo(new[] { checkpoint }), "no temporary file is left");
        Assert.That(CheckpointFile.Read(checkpoint).State.Workers[0].Epoch, Is.EqualTo(1));

        File.Delete(output);
        (code, _, err) = Run("train", "--resume", checkpoint);
        Assert.That(code, Is.Zero, err);
        Assert.That(File.ReadAllBytes(output), Is.EqualTo(File.ReadAllBytes(whole)), "the kept checkpoint resumes");
    }

    /// <summary>The checkpoint a signal asks for is the one that must be written: on a full disk the run ends
    /// with one error line (exit 1), not with the signal's exit code as if the checkpoint were there.</summary>
    [Test]
    public void A_full_disk_at_the_stop_checkpoint_is_an_error()
    {
        using var temp = new TempFolder();
        using var disk = SmallDisk.Mount(temp.File("disk"), 4096);
        if (disk == null) Assert.Ignore("a tmpfs cannot be mounted here (needs root)");
        string checkpoint = Path.Combine(disk.Path, "run.ckpt");
        var errors = new List<string>();
        using var p = StartTraining(Train(temp, temp.File("v.txt"), "--checkpoint", checkpoint), errors);
        Thread.Sleep(300);
        Signal(p, "TERM");
        Assert.That(p.WaitForExit(60_000), Is.True);
        p.WaitForExit();
        Assert.That(p.ExitCode, Is.EqualTo(1), string.Join("\n", errors));
        Assert.That(errors[^1], Does.StartWith("fw2v: error: Training stopped, but its checkpoint was not written: "
            + $"Cannot write the checkpoint '{checkpoint}'"));
        Assert.That(errors, Has.None.Contains("internal error"));
        Assert.That(Directory.GetFiles(disk.Path), Is.Empty, "no temporary file is left");
    }

    [Test]
    public void A_checkpoint_must_be_a_file_and_resume_names_a_directory_as_one()
    {
        using var temp = new TempFolder();
        AssertOneLine(Run(Train(temp, temp.File("v.txt"), "--checkpoint", "-")), "a checkpoint must be a file");
        AssertOneLine(Run(Train(temp, temp.File("v.txt"), "--checkpoint", "/dev/null")), "a checkpoint must be a file");
        Assert.That(File.Exists(temp.File("v.txt")), Is.False);
        AssertOneLine(Run("train", "--resume", temp.Path), $"The checkpoint '{temp.Path}' is a directory");
    }

    /// <summary>Epochs shorter than the monitor's polling: every epoch's checkpoint note is there.</summary>
    [Test]
    public void Short_epochs_each_get_their_checkpoint()
    {
        using var temp = new TempFolder();
        string checkpoint = temp.File("run.ckpt");
        var (code, _, err) = Run(Train(temp, temp.File("v.txt"), "-iter", "6", "-window", "1", "-negative", "1",
            "--checkpoint", checkpoint));
        Assert.That(code, Is.Zero, err);
        Assert.That(err.Split('\n').Count(l => l.Contains($"Checkpoint: {checkpoint}")), Is.EqualTo(5), err);
        Assert.That(CheckpointFile.Read(checkpoint).State.Workers.Select(w => (w.Epoch, w.Offset)),
            Is.EqualTo(new[] { (5, 0L) }));
    }
}
