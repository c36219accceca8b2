namespace FastW2V;

/// <summary>Byte counts as people read them in messages (binary units, as free and df -h print).</summary>
internal static class ByteSize
{
    public static string Format(long bytes) =>
        bytes >= 1L << 30 ? $"{bytes / (double)(1L << 30):F1} GiB" : $"{bytes / (double)(1L << 20):F0} MiB";
}
