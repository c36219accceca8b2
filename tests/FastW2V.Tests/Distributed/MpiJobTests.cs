using System.Diagnostics;
using FastW2V.Tests.Cli;

namespace FastW2V.Tests.Distributed;

/// <summary>
/// Real MPI jobs: Open MPI's mpirun (which .ci/run installs: openmpi-bin, libopenmpi-dev) starting
/// two or three ranks of the CLI over loopback on this machine. Skipped, and counted as skipped, where
/// mpirun is missing.
/// </summary>
[NonParallelizable]
public class MpiJobTests
{
    private const string Mpirun = "mpirun --allow-run-as-root --oversubscribe";

    [OneTimeSetUp]
    public void RequireMpirun()
    {
        var (code, _, _) = CliHarness.RunShell("bash", "command -v mpirun && test -e /usr/lib/x86_64-linux-gnu/libmpi.so.40 -o -n \"$(ldconfig -p | grep libmpi.so.40)\"");
        if (code != 0) Assert.Ignore("Open MPI is not installed (apt-get install openmpi-bin libopenmpi-dev; .ci/run does).");
    }

    /// <summary>Runs a bash script (FW2V = the CLI) under a time limit: a hung job fails the test instead of the suite.</summary>
    private static (int Code, string Out, string Err) Shell(string script)
    {
        string cli = $"dotnet {typeof(FastW2V.Cli.Cli).Assembly.Location}";
        script = System.Text.RegularExpressions.Regex.Replace(script, @"\bFW2V\b", cli);
        var start = new ProcessStartInfo("timeout", ["300", "bash", "-c", script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(start)!;
        var output = p.StandardOutput.ReadToEndAsync();
        string err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output.Result, p.ExitCode == 124 ? err + "TIMED OUT" : err);
    }

    [Test]
    public void Two_and_three_ranks_count_the_vocabulary_one_process_counts()
    {
        using var dir = new TempFolder();
        // min-count 1: thousands of words seen once, whose order is their first appearance in the
        // whole corpus, so any mistake in merging the ranks' parts in corpus order shows.
        string lee = TestData.RequireShared(TestData.Lee);
        string one = dir.File("one.txt"), two = dir.File("two.txt"), three = dir.File("three.txt");
        var r = Shell($"""
            FW2V train -train '{lee}' -save-vocab '{one}' -min-count 1 -threads 2 -debug 0 &&
            {Mpirun} -np 2 FW2V train --mpi -train '{lee}' -save-vocab '{two}' -min-count 1 -threads 1 -debug 0 &&
            {Mpirun} -np 3 FW2V train --mpi -train '{lee}' -save-vocab '{three}' -min-count 1 -threads 2 -debug 0
            """);
        Assert.That(r.Code, Is.EqualTo(0), r.Err);
        string expected = File.ReadAllText(one);
        Assert.That(expected.Split('\n').Length, Is.GreaterThan(10_000));
        Assert.That(File.ReadAllText(two), Is.EqualTo(expected));
        Assert.That(File.ReadAllText(three), Is.EqualTo(expected));
    }

    [Test]
    public void Two_ranks_train_sensible_vectors_and_only_rank_0_writes_and_prints()
    {
        using var dir = new TempFolder();
        string lee = TestData.RequireShared(TestData.Lee), vectors = dir.File("v.txt");
        var r = Shell($"""
            cd '{dir.Path}' && {Mpirun} -np 2 FW2V train --mpi -train '{lee}' -output '{vectors}' -cbow 0 -size 50 -min-count 3 -iter 20 -threads 1 -debug 1 --sync-every 20k
            """);
        Assert.That(r.Code, Is.EqualTo(0), r.Err);
        Assert.That(Count(r.Err, "Vocabulary:"), Is.EqualTo(1), r.Err); // rank 1 prints nothing
        Assert.That(r.Err, Does.Contain("Merging:    2 ranks × 1 thread(s)"));
        Assert.That(Directory.GetFiles(dir.Path).Select(Path.GetFileName), Is.EqualTo(new[] { "v.txt" })); // no second copy, no leftovers
        // Pairs of the news corpus that trained vectors rank close (in repeated runs: the first two at 1,
        // the others within 80 of ~4,800 words); random or broken vectors would rank them ~2,400 on average.
        int Rank(string word, string other)
        {
            var nn = CliHarness.Run("nn", vectors, word, "-k", "100");
            Assert.That(nn.Code, Is.EqualTo(0), nn.Err);
            var neighbours = nn.Out.Split('\n').Skip(1).Select(l => l.Trim().Split(' ')[0]).Where(w => w.Length > 0).ToList();
            int at = neighbours.IndexOf(other);
            return at < 0 ? int.MaxValue : at + 1;
        }
        Assert.That(Rank("Arafat", "Yasser"), Is.LessThanOrEqualTo(5));
        Assert.That(Rank("Laden", "bin"), Is.LessThanOrEqualTo(5));
        var near = new[] { ("Israeli", "Palestinian"), ("Sharon", "Arafat"), ("Taliban", "Afghanistan"), ("fire", "fires") }
            .Select(p => (Pair: $"{p.Item1}-{p.Item2}", Rank: Rank(p.Item1, p.Item2))).ToList();
        Assert.That(near.Count(p => p.Rank <= 100), Is.GreaterThanOrEqualTo(3), string.Join(", ", near));
    }

    [Test]
    public void A_rank_killed_mid_run_ends_the_job_with_an_error()
    {
        using var dir = new TempFolder();
        string lee = TestData.RequireShared(TestData.Lee);
        // -iter 100000 would run for hours: the job must end because rank 1 died, not because it finished.
        var r = Shell($"""
            cd '{dir.Path}'
            {Mpirun} -np 2 FW2V train --mpi -train '{lee}' -output v.txt -iter 100000 -threads 1 -debug 1 --rank-log > out.txt 2> err.txt &
            job=$!
            for i in $(seq 1200); do grep -q '^\[rank 1\] Kernels' err.txt && break; sleep 0.1; done
            for p in $(pgrep -P $job); do
              if tr '\0' '\n' < /proc/$p/environ | grep -qx 'OMPI_COMM_WORLD_RANK=1'; then kill -9 $p; echo "killed $p"; fi
            done
            wait $job; rc=$?
            cat err.txt >&2
            test -e v.txt && echo 'vectors written' >&2
            exit $rc
            """);
        Assert.That(r.Out, Does.Contain("killed"), r.Err);
        Assert.That(r.Err, Does.Not.Contain("TIMED OUT"));
        Assert.That(r.Code, Is.Not.EqualTo(0), r.Err);
        Assert.That(r.Err, Does.Contain("rank 1").And.Contain("signal 9"));
        Assert.That(r.Err, Does.Not.Contain("vectors written").And.Not.Contain("Unhandled exception"));
    }

    [Test]
    public void A_rank_failing_on_bad_input_ends_every_rank_with_one_line_naming_it()
    {
        using var dir = new TempFolder();
        // The invalid UTF-8 lies in the second half: only rank 1 reads it.
        byte[] lee = File.ReadAllBytes(TestData.RequireShared(TestData.Lee));
        string bad = dir.Write("bad.txt", [.. lee, .. "tail "u8, 0xFF, 0xFE, .. " word\n"u8]);
        var r = Shell($"cd '{dir.Path}' && {Mpirun} -np 2 FW2V train --mpi -train '{bad}' -output v.txt -iter 50 -threads 1 -debug 0");
        Assert.That(r.Err, Does.Not.Contain("TIMED OUT"));
        Assert.That(r.Code, Is.Not.EqualTo(0), r.Err);
        var ours = r.Err.Split('\n').Where(l => l.StartsWith("fw2v: error", StringComparison.Ordinal)).ToList();
        Assert.That(ours, Has.Count.EqualTo(1), r.Err);
        Assert.That(ours[0], Does.StartWith("fw2v: error: rank 1 of 2: ").And.Contain("invalid UTF-8"));
        Assert.That(r.Err, Does.Not.Contain("internal error").And.Not.Contain("Unhandled exception"));
        Assert.That(File.Exists(dir.File("v.txt")), Is.False);
    }

    [Test]
    public void Started_without_mpirun_the_binary_is_a_job_of_one()
    {
        using var dir = new TempFolder();
        string lee = TestData.RequireShared(TestData.Lee);
        var r = Shell($"""
            FW2V train -train '{lee}' -save-vocab '{dir.File("a.txt")}' -debug 0 &&
            FW2V train --mpi -train '{lee}' -save-vocab '{dir.File("b.txt")}' -debug 0
            """);
        Assert.That(r.Code, Is.EqualTo(0), r.Err);
        Assert.That(File.ReadAllText(dir.File("b.txt")), Is.EqualTo(File.ReadAllText(dir.File("a.txt"))));
    }

    [Test]
    public void Ranks_started_without_mpi_are_refused_instead_of_each_training_everything()
    {
        using var dir = new TempFolder();
        string lee = TestData.RequireShared(TestData.Lee);
        var r = Shell($"cd '{dir.Path}' && {Mpirun} -np 2 FW2V train -train '{lee}' -output v.txt");
        Assert.That(r.Code, Is.Not.EqualTo(0), r.Err);
        Assert.That(r.Err, Does.Contain("fw2v: error: Started by mpirun as one of 2 ranks without --mpi"));
        Assert.That(File.Exists(dir.File("v.txt")), Is.False);
    }

    [Test]
    public void Mpi_without_an_mpi_library_says_so_in_one_line()
    {
        using var dir = new TempFolder();
        string lee = TestData.RequireShared(TestData.Lee);
        var r = Shell($"cd '{dir.Path}' && FW2V_MPI_LIBRARY=/nonexistent/libmpi.so.40 FW2V train --mpi -train '{lee}' -output v.txt");
        CliHarness.AssertOneLine(r, "--mpi: the MPI library '/nonexistent/libmpi.so.40' (FW2V_MPI_LIBRARY) cannot be loaded.");
    }

    [Test]
    public void A_gzip_corpus_is_refused_by_a_job_of_several_ranks()
    {
        using var dir = new TempFolder();
        string gz = dir.File("c.txt.gz");
        using (var f = File.Create(gz))
        using (var z = new System.IO.Compression.GZipStream(f, System.IO.Compression.CompressionLevel.Fastest))
            z.Write("a b c a b c\n"u8);
        var r = Shell($"cd '{dir.Path}' && {Mpirun} -np 2 FW2V train --mpi -train '{gz}' -output v.txt -min-count 1");
        Assert.That(r.Code, Is.Not.EqualTo(0), r.Err);
        Assert.That(r.Err, Does.Contain("fw2v: error: rank ").And.Contain(" of 2: --mpi needs a plain file that every rank reads its own part of; "));
        Assert.That(r.Err, Does.Not.Contain("TIMED OUT"));
    }

    private static int Count(string text, string what)
    {
        int n = 0;
        for (int at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + 1, StringComparison.Ordinal)) n++;
        return n;
    }
}
