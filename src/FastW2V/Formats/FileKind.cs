using System.Runtime.InteropServices;

namespace FastW2V.Formats;

/// <summary>What a path names once links are followed: .NET's FileInfo cannot tell a FIFO or a device
/// from a regular file (both are "Normal"), and replacing /dev/null by renaming over it, or reading a
/// link's own length as the corpus's, are exactly the mistakes this prevents.</summary>
public enum FileKind { Missing, Regular, Directory, Fifo, CharacterDevice, BlockDevice, Socket, Other }

public static unsafe partial class FileKinds
{
    private const uint TypeMask = 0xF000;

    /// <summary>The kind of what <paramref name="path"/> names (links followed).</summary>
    public static FileKind Of(string path)
    {
        if (Directory.Exists(path)) return FileKind.Directory;
        if (!File.Exists(path)) return FileKind.Missing;
        if (ModeOf(path) is not { } mode) return FileKind.Regular; // cannot tell here: as before
        return (mode & TypeMask) switch
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

    /// <summary>The path with every link followed (the path itself when it is not a link or the link dangles).</summary>
    public static string Resolve(string path)
    {
        string full = Path.GetFullPath(path);
        try
        {
            if (new FileInfo(full).LinkTarget == null) return full;
            var target = File.ResolveLinkTarget(full, returnFinalTarget: true);
            if (target == null) return full;
            string resolved = Path.GetFullPath(target.FullName);
            // /dev/stdout → /proc/self/fd/1 → "pipe:[…]": a target with no path of its own; the link
            // itself opens it (and stat through it tells its kind).
            if (!File.Exists(resolved) && !Directory.Exists(resolved) && File.Exists(full)) return full;
            return resolved;
        }
        catch (IOException) { return full; } // a loop of links: the open that follows reports it
    }

    // st_mode of struct stat on x86-64 Linux sits at byte 24 (after st_dev, st_ino, st_nlink).
    private static uint? ModeOf(string path)
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64) return null;
        byte* buffer = stackalloc byte[256];
        try
        {
            if (Stat(path, buffer) != 0) return null;
        }
        catch (EntryPointNotFoundException)
        {
            // glibc before 2.33 exports stat only as __xstat (version 1 on x86-64).
            try { if (XStat(1, path, buffer) != 0) return null; }
            catch (EntryPointNotFoundException) { return null; }
        }
        return *(uint*)(buffer + 24);
    }

    [LibraryImport("libc", EntryPoint = "stat", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Stat(string path, byte* buffer);

    [LibraryImport("libc", EntryPoint = "__xstat", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int XStat(int version, string path, byte* buffer);
}
