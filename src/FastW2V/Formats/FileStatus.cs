using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace FastW2V.Formats;

/// <summary>
/// What stat(2) says of a file that .NET does not: its owner and group, and (with lstat) what a name is
/// itself rather than what its link points to. Only where the struct's layout is known (Linux on x86-64
/// and ARM64); elsewhere nothing is known, and callers then do the safe thing (reclaim nothing, keep the
/// owner as the new file gets it).
/// </summary>
internal static unsafe partial class FileStatus
{
    private const uint TypeMask = 0xF000, Regular = 0x8000, Directory = 0x4000;

    /// <summary>Mode, owner and group of what <paramref name="path"/> names (links followed, or not).</summary>
    public static (uint Mode, uint Uid, uint Gid)? Of(string path, bool followLinks = true)
    {
        if (!OperatingSystem.IsLinux() || Layout() is not var (mode, uid, gid)) return null;
        byte* buffer = stackalloc byte[256];
        try
        {
            if (Call(() => followLinks ? Stat(path, buffer) : LStat(path, buffer),
                    version => followLinks ? XStat(version, path, buffer) : LXStat(version, path, buffer)) != 0)
                return null;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException) { return null; }
        return (*(uint*)(buffer + mode), *(uint*)(buffer + uid), *(uint*)(buffer + gid));
    }

    /// <summary>The same for an open file (fstat): what the handle holds, whatever its name now names.</summary>
    public static (ulong Device, ulong Inode)? IdentityOf(SafeFileHandle handle)
    {
        if (!OperatingSystem.IsLinux() || Layout() == null) return null;
        byte* buffer = stackalloc byte[256];
        int fd = (int)handle.DangerousGetHandle();
        try { if (Call(() => FStat(fd, buffer), version => FXStat(version, fd, buffer)) != 0) return null; }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException) { return null; }
        return (*(ulong*)buffer, *(ulong*)(buffer + 8));
    }

    /// <summary>Device and inode of what <paramref name="path"/> names itself (lstat).</summary>
    public static (ulong Device, ulong Inode)? IdentityOf(string path)
    {
        if (!OperatingSystem.IsLinux() || Layout() == null) return null;
        byte* buffer = stackalloc byte[256];
        try { if (Call(() => LStat(path, buffer), version => LXStat(version, path, buffer)) != 0) return null; }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException) { return null; }
        return (*(ulong*)buffer, *(ulong*)(buffer + 8));
    }

    public static bool IsRegular(uint mode) => (mode & TypeMask) == Regular;

    public static bool IsDirectory(uint mode) => (mode & TypeMask) == Directory;

    /// <summary>This process's effective user id (null where it cannot be asked).</summary>
    public static uint? EffectiveUser()
    {
        if (!OperatingSystem.IsLinux()) return null;
        try { return GetEuid(); }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException) { return null; }
    }

    /// <summary>Gives an open file an owner and group (fchown); false when that is not allowed.</summary>
    public static bool ChangeOwner(SafeFileHandle handle, uint uid, uint gid)
    {
        if (!OperatingSystem.IsLinux()) return false;
        try { return FChown((int)handle.DangerousGetHandle(), uid, gid) == 0; }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException) { return false; }
    }

    /// <summary>
    /// The stat call, or on glibc before 2.33 (which exports stat, lstat and fstat only as __xstat, __lxstat
    /// and __fxstat) the versioned one: version 1 on x86-64, 0 on ARM64.
    /// </summary>
    private static int Call(Func<int> modern, Func<int, int> versioned)
    {
        try { return modern(); }
        catch (EntryPointNotFoundException)
        {
            return versioned(RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 1 : 0);
        }
    }

    // Offsets of st_mode, st_uid and st_gid in struct stat (st_dev and st_ino are the first two 8-byte fields).
    private static (int Mode, int Uid, int Gid)? Layout() => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => (24, 28, 32),
        Architecture.Arm64 => (16, 24, 28),
        _ => null,
    };

    [LibraryImport("libc", EntryPoint = "stat", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Stat(string path, byte* buffer);

    [LibraryImport("libc", EntryPoint = "lstat", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LStat(string path, byte* buffer);

    [LibraryImport("libc", EntryPoint = "fstat")]
    private static partial int FStat(int fd, byte* buffer);

    [LibraryImport("libc", EntryPoint = "__xstat", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int XStat(int version, string path, byte* buffer);

    [LibraryImport("libc", EntryPoint = "__lxstat", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LXStat(int version, string path, byte* buffer);

    [LibraryImport("libc", EntryPoint = "__fxstat")]
    private static partial int FXStat(int version, int fd, byte* buffer);

    [LibraryImport("libc", EntryPoint = "fchown")]
    private static partial int FChown(int fd, uint owner, uint group);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEuid();
}
