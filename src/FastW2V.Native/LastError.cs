using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace FastW2V.Native;

/// <summary>
/// fw2v_last_error's text: per thread, NUL-terminated UTF-8 in a pinned array that stays put until the thread's
/// next failure (and is collected with the thread). Never NULL: the empty string before any failure.
/// </summary>
internal static unsafe class LastError
{
    private static readonly byte[] Empty = GC.AllocateArray<byte>(1, pinned: true);
    [ThreadStatic] private static byte[]? _message;

    public static byte* Current => Address(_message ?? Empty);

    private static byte* Address(byte[] pinned) =>
        (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(pinned));

    /// <summary>Records why a call failed and returns status 1. <paramref name="hidden"/>: paths of the library's
    /// own (the stream's spool file) that a message must not show; they read "the streamed text".</summary>
    public static int Fail(Exception e, params string?[] hidden)
    {
        while (e is AggregateException { InnerExceptions.Count: 1 } a) e = a.InnerExceptions[0];
        string message =
            e is FastW2VException or IOException or UnauthorizedAccessException
            ? e.Message : $"internal error ({e.GetType().Name}): {e.Message}";
        if (e is OperationCanceledException) message = "cancelled by the progress callback";
        foreach (string? path in hidden)
            if (!string.IsNullOrEmpty(path))
                message = message.Replace($"'{path}'", "the streamed text").Replace(path, "the streamed text");
        Set(message);
        return 1;
    }

    public static void Set(string message)
    {
        int length = Encoding.UTF8.GetByteCount(message);
        var bytes = GC.AllocateUninitializedArray<byte>(length + 1, pinned: true);
        Encoding.UTF8.GetBytes(message, bytes);
        bytes[length] = 0;
        _message = bytes;
    }
}
