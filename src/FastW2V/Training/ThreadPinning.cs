using System.Runtime.InteropServices;

namespace FastW2V.Training;

/// <summary>
/// Pins the calling thread to one CPU (Linux sched_setaffinity), so a Hogwild worker keeps its caches
/// and never shares a core with another worker. Silently does nothing where unsupported.
/// </summary>
internal static unsafe partial class ThreadPinning
{
    [LibraryImport("libc", EntryPoint = "sched_setaffinity", SetLastError = true)]
    private static partial int SchedSetAffinity(int pid, nuint size, ulong* mask);

    public static bool PinCurrentThread(int cpu)
    {
        if (!OperatingSystem.IsLinux() || cpu < 0) return false;
        const int Words = 16; // 1024 CPUs
        ulong* mask = stackalloc ulong[Words];
        for (int i = 0; i < Words; i++) mask[i] = 0;
        int target = cpu % Environment.ProcessorCount;
        mask[target / 64] = 1UL << (target % 64);
        try { return SchedSetAffinity(0, Words * sizeof(ulong), mask) == 0; }
        catch (DllNotFoundException) { return false; }
        catch (EntryPointNotFoundException) { return false; }
    }
}
