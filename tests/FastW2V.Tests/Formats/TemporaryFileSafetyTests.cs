using System.Diagnostics;
using FastW2V.Formats;
using FastW2V.Preparation;

namespace FastW2V.Tests.Formats;

/// <summary>What fw2v cleans up and what it replaces: only its own leftovers, and never the owner of a file.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class TemporaryFileSafetyTests
{
    private static int DeadPid() => Enumerable.Range(30000, 2000).First(pid => !Directory.Exists($"/proc/{pid}"));

    private static void Mkfifo(string path) => Process.Start("mkfifo", [path])!.WaitForExit();

    [Test]
    public void The_stale_file_reclaim_touches_no_look_alike_it_did_not_make()
    {
        using var temp = new TempFolder();
        int dead = DeadPid();
        // Old-style and hand-made names of a dead process id, in a cache root and in an output folder.
        string userFolder = temp.File($"fw2v-{dead}-0000000b");
        Directory.CreateDirectory(userFolder);
        File.WriteAllText(Path.Combine(userFolder, "thesis.txt"), "mine");
        string plainFile = temp.File($"fw2v-{TemporaryPaths.Suffix("fw2v-", dead, 7)}");
        File.WriteAllText(plainFile, "a file, not a cache folder");
        string noMarker = temp.File($"fw2v-{TemporaryPaths.Suffix("fw2v-", dead, 8)}");
        Directory.CreateDirectory(noMarker);
        File.WriteAllText(Path.Combine(noMarker, "shard-000.ids"), "no lock file: not a cache fw2v made");
        string foreign = temp.File($"fw2v-{TemporaryPaths.Suffix("fw2v-", dead, 9)}");
        Directory.CreateDirectory(foreign);
        File.WriteAllText(Path.Combine(foreign, ".lock"), "");
        File.WriteAllText(Path.Combine(foreign, "notes.txt"), "a lock file, but something else beside it");
        string outputFolderDir = temp.File($".v.txt.tmp-{TemporaryPaths.Suffix(".v.txt.tmp-", dead, 10)}");
        Directory.CreateDirectory(outputFolderDir);
        File.WriteAllText(Path.Combine(outputFolderDir, "x"), "x");
        string fifo = temp.File($".v.txt.tmp-{TemporaryPaths.Suffix(".v.txt.tmp-", dead, 11)}");
        Mkfifo(fifo);
        string handMade = temp.File($".v.txt.tmp-{dead}-0badc0de");
        File.WriteAllText(handMade, "a user's file with a look-alike name");
        string link = temp.File($".v.txt.tmp-{TemporaryPaths.Suffix(".v.txt.tmp-", dead, 12)}");
        File.CreateSymbolicLink(link, handMade);

        Assert.That(TemporaryPaths.ReclaimStale(temp.Path, "fw2v-", folders: true).Count, Is.Zero);
        Assert.That(TemporaryPaths.ReclaimStale(temp.Path, ".v.txt.tmp-", folders: false).Count, Is.Zero);
        foreach (string path in new[] { userFolder, noMarker, foreign, outputFolderDir })
            Assert.That(Directory.Exists(path), Is.True, path);
        foreach (string path in new[] { plainFile, fifo, handMade, link, Path.Combine(userFolder, "thesis.txt") })
            Assert.That(File.Exists(path), Is.True, path);
    }

    [Test]
    public void What_fw2v_made_is_reclaimed()
    {
        using var temp = new TempFolder();
        int dead = DeadPid();
        string cache = temp.File("fw2v-" + TemporaryPaths.Suffix("fw2v-", dead, 1));
        Directory.CreateDirectory(cache);
        File.WriteAllText(Path.Combine(cache, ".lock"), "");
        File.WriteAllBytes(Path.Combine(cache, "shard-000.ids"), new byte[400]);
        string output = temp.File(".v.txt.tmp-" + TemporaryPaths.Suffix(".v.txt.tmp-", dead, 2));
        File.WriteAllText(output, "half written");
        Assert.That(TemporaryPaths.ReclaimStale(temp.Path, "fw2v-", folders: true), Is.EqualTo((1, 400L)));
        Assert.That(TemporaryPaths.ReclaimStale(temp.Path, ".v.txt.tmp-", folders: false).Count, Is.EqualTo(1));
        Assert.That(Directory.Exists(cache) || File.Exists(output), Is.False);
    }

    [Test]
    public void A_file_rewritten_by_root_keeps_its_owner_and_group_and_loses_set_id_bits()
    {
        if (FileStatus.EffectiveUser() != 0) Assert.Ignore("needs root to give a file to another user");
        using var temp = new TempFolder();
        string path = temp.Write("v.txt", "old");
        Assert.That(Process.Start("chown", ["1234:2345", path])!.WaitForExitAsync().Wait(10_000), Is.True);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.SetUser | UnixFileMode.SetGroup);
        AtomicFile.Write(path, s => s.Write("new"u8));
        Assert.That(File.ReadAllText(path), Is.EqualTo("new"));
        var (mode, uid, gid) = FileStatus.Of(path)!.Value;
        Assert.That((uid, gid), Is.EqualTo((1234u, 2345u)));
        var kept = File.GetUnixFileMode(path);
        Assert.That(kept & (UnixFileMode.SetUser | UnixFileMode.SetGroup), Is.EqualTo((UnixFileMode)0));
        Assert.That(kept, Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead));
        Assert.That(FileStatus.IsRegular(mode), Is.True);
    }
}
