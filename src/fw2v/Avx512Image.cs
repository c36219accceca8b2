using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using System.Text;

namespace FastW2V.Cli;

/// <summary>
/// One binary for every x86-64-v3 CPU that still runs AVX-512 where the CPU has it. NativeAOT compiles
/// every AVX-512 check as constant false in a binary built for x86-64-v3 (ILCompiler 9 never treats
/// AVX-512 as an "opportunistic" instruction set), and a binary built for x86-64-v4 refuses to start
/// without AVX-512. So the portable build (tools/publish.sh) embeds a second image of this program,
/// compiled for x86-64-v4, as a resource; on a CPU whose kernel reports AVX-512 F, BW, CD, DQ and VL
/// (what the .NET runtime requires of such an image), the x86-64-v3 image runs it in its own place
/// through memfd_create and fexecve, so nothing is written to disk and the process keeps its id,
/// arguments, environment and open files (argv and the environment are passed as the exact bytes of
/// /proc/self/cmdline and /proc/self/environ, plus FW2V_NO_AVX512_IMAGE=1 so the image can never start
/// itself again). If anything fails it carries on with its own AVX2 code.
/// </summary>
internal static unsafe class Avx512Image
{
    public const string ResourceName = "fw2v-x86-64-v4";
    /// <summary>Set to 1 to stay in the x86-64-v3 image (to compare the two).</summary>
    public const string DisableVariable = "FW2V_NO_AVX512_IMAGE";
    private static readonly string[] RequiredFlags = ["avx512f", "avx512bw", "avx512cd", "avx512dq", "avx512vl"];

    /// <summary>
    /// Runs the embedded AVX-512 image when it applies; returns only when it does not (or could not start).
    /// </summary>
    public static void RunIfBetter(string[] args, TextWriter error)
    {
        if (Avx512F.IsSupported || !OperatingSystem.IsLinux()) return;
        if (Environment.GetEnvironmentVariable(DisableVariable) == "1") return;
        string? failure;
        try
        {
            using var image = typeof(Avx512Image).Assembly.GetManifestResourceStream(ResourceName);
            if (image == null || !CpuHasAvx512(ReadCpuFlags())) return;
            failure = Exec(image, args);
        }
        catch (Exception e) // an old glibc without memfd_create, a memory limit while copying: keep the AVX2 code
        {
            failure = e.Message;
        }
        if (Environment.GetEnvironmentVariable("FW2V_DEBUG") == "1")
            error.WriteLine($"fw2v: note: the AVX-512 image did not start ({failure}); running the AVX2 code.");
    }

    /// <summary>The flags of the first processor in /proc/cpuinfo (what the kernel lets programs use).</summary>
    internal static string ReadCpuFlags()
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/cpuinfo"))
                if (line.StartsWith("flags", StringComparison.Ordinal)) return line;
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return "";
    }

    internal static bool CpuHasAvx512(string flagsLine)
    {
        int colon = flagsLine.IndexOf(':');
        var flags = flagsLine[(colon + 1)..]
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .ToHashSet(StringComparer.Ordinal);
        return RequiredFlags.All(flags.Contains);
    }

    private static string? Exec(Stream image, string[] args)
    {
        // MFD_EXEC says the memory file will be executed (Linux 6.3 warns, or refuses under
        // vm.memfd_noexec, without it); older kernels reject the flag, so try again without it.
        int fd = MemfdCreate("fw2v-x86-64-v4", MfdCloexec | MfdExec);
        if (fd < 0) fd = MemfdCreate("fw2v-x86-64-v4", MfdCloexec);
        if (fd < 0) return $"memfd_create: errno {Marshal.GetLastPInvokeError()}";
        try
        {
            var handle = new Microsoft.Win32.SafeHandles.SafeFileHandle(fd, ownsHandle: false);
            using (var file = new FileStream(handle, FileAccess.Write))
                image.CopyTo(file);
            byte[][] argv = ProcFile("/proc/self/cmdline") ?? [
                Encoding.UTF8.GetBytes(Environment.GetCommandLineArgs().FirstOrDefault() ?? "fw2v"),
                .. args.Select(Encoding.UTF8.GetBytes),
            ];
            byte[][] envp = ProcFile("/proc/self/environ") ?? Environment.GetEnvironmentVariables().Keys.Cast<string>()
                .Select(k => Encoding.UTF8.GetBytes($"{k}={Environment.GetEnvironmentVariable(k)}")).ToArray();
            envp = [.. envp, Encoding.UTF8.GetBytes(DisableVariable + "=1")];
            byte** argvp = ToCStrings(argv), envpp = ToCStrings(envp);
            Fexecve(fd, argvp, envpp); // returns only on failure
            return $"fexecve: errno {Marshal.GetLastPInvokeError()}";
        }
        finally { Close(fd); }
    }

    /// <summary>The NUL-separated entries of a /proc file, byte for byte; null when it cannot be read.</summary>
    private static byte[][]? ProcFile(string path)
    {
        try
        {
            byte[] all = File.ReadAllBytes(path);
            var entries = new List<byte[]>();
            for (int start = 0, i; start < all.Length; start = i + 1)
            {
                i = Array.IndexOf(all, (byte)0, start);
                if (i < 0) i = all.Length;
                entries.Add(all[start..i]);
            }
            return entries.ToArray();
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    /// <summary>
    /// A null-terminated array of NUL-terminated strings in unmanaged memory (kept: on success the process image
    /// is replaced).
    /// </summary>
    private static byte** ToCStrings(byte[][] values)
    {
        var array = (byte**)NativeMemory.Alloc((nuint)(values.Length + 1), (nuint)sizeof(byte*));
        for (int i = 0; i < values.Length; i++)
        {
            array[i] = (byte*)NativeMemory.AllocZeroed((nuint)values[i].Length + 1);
            values[i].CopyTo(new Span<byte>(array[i], values[i].Length));
        }
        array[values.Length] = null;
        return array;
    }

    private const uint MfdCloexec = 1, MfdExec = 0x10;
    [DllImport("libc", EntryPoint = "memfd_create", SetLastError = true)]
    private static extern int MemfdCreate([MarshalAs(UnmanagedType.LPUTF8Str)] string name, uint flags);
    [DllImport("libc", EntryPoint = "fexecve", SetLastError = true)]
    private static extern int Fexecve(int fd, byte** argv, byte** envp);
    [DllImport("libc", EntryPoint = "close")]
    private static extern int Close(int fd);
}
