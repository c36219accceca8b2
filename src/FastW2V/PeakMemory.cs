namespace FastW2V;

/// <summary>Peak resident memory of this process (VmHWM on Linux).</summary>
public static class PeakMemory
{
    /// <summary>The peak resident memory in megabytes (the working set where /proc is missing).</summary>
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

    /// <summary>Starts a new peak (Linux: writing 5 to clear_refs resets VmHWM); best effort.</summary>
    public static void Reset()
    {
        try { File.WriteAllText("/proc/self/clear_refs", "5"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
