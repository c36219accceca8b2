namespace FastW2V.Cli;

/// <summary>Peak resident memory of this process (VmHWM on Linux).</summary>
internal static class PeakMemory
{
    public static double Megabytes()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line[6..].Trim().Split(' ')[0]) / 1024.0;
        }
        catch (IOException) { }
        return Environment.WorkingSet / 1048576.0;
    }
}
