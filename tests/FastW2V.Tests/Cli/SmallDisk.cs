using System.Diagnostics;

namespace FastW2V.Tests.Cli;

/// <summary>
/// A tmpfs of a few bytes mounted on a folder for one test (a full disk without filling the real one);
/// unmounted at dispose. Mounting needs root: <see cref="Mount"/> returns null where it is not allowed.
/// </summary>
internal sealed class SmallDisk : IDisposable
{
    public string Path { get; }

    private SmallDisk(string path) => Path = path;

    public static SmallDisk? Mount(string folder, long bytes)
    {
        Directory.CreateDirectory(folder);
        return Command("mount", "-t", "tmpfs", "-o", $"size={bytes}", "tmpfs", folder) ? new SmallDisk(folder) : null;
    }

    public void Dispose()
    {
        if (!Command("umount", Path)) Command("umount", "-l", Path); // -l: lazily, if something still holds it
    }

    private static bool Command(string name, params string[] args)
    {
        var start = new ProcessStartInfo(name, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        try
        {
            using var p = Process.Start(start)!;
            p.StandardOutput.ReadToEnd();
            p.StandardError.ReadToEnd();
            p.WaitForExit();
            return p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception) { return false; } // no such command
    }
}
