using System.Runtime.InteropServices;

namespace FastW2V.Storage;

/// <summary>madvise(MADV_HUGEPAGE) where the OS offers it; silently nothing elsewhere.</summary>
internal static unsafe partial class HugePages
{
    private const int MadvHugePage = 14;

    [LibraryImport("libc", EntryPoint = "madvise", SetLastError = false)]
    private static partial int Madvise(void* address, nuint length, int advice);

    public static void Advise(void* address, nuint length)
    {
        if (!OperatingSystem.IsLinux()) return;
        try { Madvise(address, length, MadvHugePage); }
        catch (DllNotFoundException) { }
        catch (EntryPointNotFoundException) { }
    }
}
