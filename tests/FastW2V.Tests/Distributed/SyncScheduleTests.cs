using FastW2V.Distributed;
using FastW2V.Tests.Cli;

namespace FastW2V.Tests.Distributed;

/// <summary>What the merging thread syncs and when (no MPI needed).</summary>
public class SyncScheduleTests
{
    [TestCase(1)]
    [TestCase(1000)]
    [TestCase(71_291)]
    [TestCase(3_000_000)]
    public void Every_row_is_merged_at_the_last_round_and_band_0_at_every_round(int rows)
    {
        foreach (long round in new long[] { 1, 2, 3, 8, 63, 64 })
        {
            var bands = SyncSchedule.Banded.Bands(rows, round, last: false).ToList();
            Assert.That(bands[0], Is.EqualTo((0, Math.Min(rows, 1024))));
            Assert.That(bands.All(b => b.Start < b.End && b.End <= rows));
            Assert.That(bands.Zip(bands.Skip(1)).All(p => p.First.End <= p.Second.Start), "in order, disjoint");
        }
        Assert.That(SyncSchedule.Banded.Bands(rows, 5, last: true), Is.EqualTo(new[] { (0, rows) }));
        Assert.That(SyncSchedule.Full.Bands(rows, 5, last: false), Is.EqualTo(new[] { (0, rows) }));
    }

    [Test]
    public void Rarer_bands_come_less_often_and_every_row_comes_within_64_rounds()
    {
        const int rows = 3_000_000;
        var seen = new int[rows / 1024 + 1];
        for (long round = 1; round <= 64; round++)
            foreach (var (start, end) in SyncSchedule.Banded.Bands(rows, round, last: false))
                for (int block = start / 1024; block < (end + 1023) / 1024; block++) seen[block]++;
        Assert.That(seen.All(n => n > 0));
        Assert.That(seen[0], Is.EqualTo(64));
        Assert.That(seen[^1], Is.LessThan(seen[8]));
        Assert.That(SyncSchedule.Banded.AverageShare(rows), Is.LessThan(0.2));
        Assert.That(SyncSchedule.Full.AverageShare(rows), Is.EqualTo(1));
    }

    [TestCase("1M", 1_000_000L, 0.0)]
    [TestCase("250k", 250_000L, 0.0)]
    [TestCase("2G", 2_000_000_000L, 0.0)]
    [TestCase("123", 123L, 0.0)]
    [TestCase("2s", 0L, 2.0)]
    [TestCase("0.5s", 0L, 0.5)]
    public void Sync_every_takes_words_or_seconds(string text, long words, double seconds)
    {
        Assert.That(SyncTrigger.Parse(text), Is.EqualTo(new SyncTrigger(words, seconds)));
    }

    [TestCase("0")]
    [TestCase("-1M")]
    [TestCase("0s")]
    [TestCase("fast")]
    [TestCase("99999999999G")]
    public void Sync_every_refuses_nonsense(string text)
    {
        var e = Assert.Throws<FastW2VException>(() => SyncTrigger.Parse(text));
        Assert.That(e!.Message, Does.Contain("--sync-every"));
    }

    [Test]
    public void The_mpi_options_need_mpi()
    {
        using var dir = new TempFolder();
        string text = dir.Write("t.txt", "a b c a b c\n");
        CliHarness.AssertOneLine(CliHarness.Run("train", "-train", text, "-output", dir.File("v.txt"), "--sync-every", "2s"), "--sync-every is for MPI jobs: add --mpi.");
        Assert.That(File.Exists(dir.File("v.txt")), Is.False);
    }
}
