using System.Text;

namespace FastW2V.Cli;

/// <summary>
/// The name this program was started under: the file name of argv[0], not of the binary, so that a
/// link or a copy named distance runs word2vec.c's distance (Environment.ProcessPath resolves links).
/// </summary>
internal static class InvokedName
{
    public static string? Get()
    {
        string? first = Environment.GetCommandLineArgs().FirstOrDefault();
        // Under the JIT the runtime reports fw2v.dll there, while the kernel keeps argv[0] as it was typed.
        if (first == null || first.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)) first = ProcArgv0() ?? first;
        if (string.IsNullOrEmpty(first)) return null;
        string name = Path.GetFileName(first);
        return name.EndsWith(".exe", StringComparison.OrdinalIgnoreCase) ? name[..^4] : name;
    }

    private static string? ProcArgv0()
    {
        try
        {
            byte[] cmdline = File.ReadAllBytes("/proc/self/cmdline");
            int end = Array.IndexOf(cmdline, (byte)0);
            return Encoding.UTF8.GetString(cmdline, 0, end < 0 ? cmdline.Length : end);
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }
}
