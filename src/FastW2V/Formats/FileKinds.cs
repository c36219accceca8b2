using System.Runtime.InteropServices;

namespace FastW2V.Formats;

internal static unsafe partial class FileKinds
{
    private const uint TypeMask = 0xF000;

    /// <summary>The kind of what <paramref name="path"/> names (links followed; a dangling link is Missing).</summary>
    public static FileKind Of(string path)
    {
        var (known, mode) = ModeOf(path);
        if (!known) // stat cannot be called here: what .NET can tell
            return Directory.Exists(path) ? FileKind.Directory
                : File.Exists(path) ? FileKind.Regular
                : FileKind.Missing;
        if (mode is not { } m) return FileKind.Missing;
        return (m & TypeMask) switch
        {
            0x8000 => FileKind.Regular,
            0x1000 => FileKind.Fifo,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0xC000 => FileKind.Socket,
            0x4000 => FileKind.Directory,
            _ => FileKind.Other,
        };
    }

    /// <summary>
    /// The path with every link followed as the kernel follows it (realpath: links in parent folders
    /// too). A dangling link names its target (writing creates it there); a link that opens something
    /// with no path of its own (/dev/stdout → /proc/self/fd/1 → "pipe:[…]") is kept as it is.
    /// </summary>
    public static string Resolve(string path)
    {
        string full = Path.GetFullPath(path);
        try
        {
            if (RealPath(full) is { } real)
                return File.Exists(real) || Directory.Exists(real) ? real : full;
            if (new FileInfo(full).LinkTarget == null) return full;
            var target = File.ResolveLinkTarget(full, returnFinalTarget: true);
            if (target == null) return full;
            string resolved = Path.GetFullPath(target.FullName);
            bool opens = ModeOf(full).Mode != null; // stat through the link succeeds: not dangling
            return opens && !File.Exists(resolved) && !Directory.Exists(resolved) ? full : resolved;
        }
        catch (IOException) { return full; } // a loop of links: the open that follows reports it
    }

    private static string? RealPath(string path)
    {
        if (!OperatingSystem.IsLinux()) return null;
        try
        {
            nint resolved = RealPathNative(path, 0);
            if (resolved == 0) return null; // ENOENT for a dangling link, among others
            try { return Marshal.PtrToStringUTF8(resolved); }
            finally { NativeMemory.Free((void*)resolved); }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { return null; }
    }

    // st_mode of struct stat sits at byte 24 on x86-64 Linux (after st_dev, st_ino, st_nlink), 16 on ARM64.
    // Known: stat could be called; Mode: null when the path (through its links) does not exist.
    private static (bool Known, uint? Mode) ModeOf(string path)
    {
        int offset = RuntimeInformation.ProcessArchitecture switch { Architecture.X64 => 24, Architecture.Arm64 => 16,
            _ => -1 };
        if (!OperatingSystem.IsLinux() || offset < 0) return (false, null);
        byte* buffer = stackalloc byte[256];
        try
        {
            if (Stat(path, buffer) != 0) return (true, null);
        }
        catch (EntryPointNotFoundException)
        {
            // glibc before 2.33 exports stat only as __xstat (version 1 on x86-64, 0 on ARM64).
            try { if (XStat(offset == 24 ? 1 : 0, path, buffer) != 0) return (true, null); }
            catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
            {
                return (false, null);
            }
        }
        catch (DllNotFoundException) { return (false, null); }
        return (true, *(uint*)(buffer + offset));
    }

    [LibraryImport("libc", EntryPoint = "realpath", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint RealPathNative(string path, nint resolved);

    [LibraryImport("libc", EntryPoint = "stat", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Stat(string path, byte* buffer);

    [LibraryImport("libc", EntryPoint = "__xstat", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int XStat(int version, string path, byte* buffer);
}
