namespace FastW2V.Corpus;

/// <summary>
/// Splits a text into byte ranges, one per worker, aligned so that every word lies wholly inside one
/// range: a boundary is moved forward until the byte before it is a separator (or the text ends).
/// </summary>
internal static unsafe class ShardPlanner
{
    /// <summary>Returns <paramref name="count"/> + 1 increasing boundaries from 0 to length.</summary>
    public static long[] Plan(byte* text, long length, int count)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count));
        var bounds = new long[count + 1];
        bounds[count] = length;
        for (int i = 1; i < count; i++)
        {
            long nominal = (long)((double)length * i / count);
            bounds[i] = Math.Max(bounds[i - 1], Align(text, length, nominal));
        }
        return bounds;
    }

    /// <summary><see cref="Plan(byte*, long, int)"/> for an open file, reading only around each cut.</summary>
    /// <param name="separators">The bytes a cut may follow (default: the tokenizer's space, tab, newline and
    /// carriage return; word2phrase's words do not end at a carriage return).</param>
    public static long[] Plan(Microsoft.Win32.SafeHandles.SafeFileHandle file, long length, int count,
        ReadOnlySpan<byte> separators = default)
        => Plan(file, 0, length, count, separators);

    /// <summary>The same for the part [<paramref name="start"/>, <paramref name="end"/>) of the file (one MPI
    /// rank's part, itself word-aligned): <paramref name="count"/> + 1 boundaries from start to end.</summary>
    public static long[] Plan(Microsoft.Win32.SafeHandles.SafeFileHandle file, long start, long end, int count,
        ReadOnlySpan<byte> separators = default)
    {
        if (separators.IsEmpty) separators = " \t\n\r"u8;
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count));
        var bounds = new long[count + 1];
        bounds[0] = start;
        bounds[count] = end;
        for (int i = 1; i < count; i++)
        {
            long p = Math.Max(bounds[i - 1], start + (long)((double)(end - start) * i / count));
            bounds[i] = Align(file, p, end, separators);
        }
        return bounds;
    }

    /// <summary>
    /// The first position at or after <paramref name="position"/> (and at most <paramref name="end"/>) where
    /// the byte before is one of <paramref name="separators"/>: no word is cut there.
    /// </summary>
    public static long Align(Microsoft.Win32.SafeHandles.SafeFileHandle file, long position, long end,
        ReadOnlySpan<byte> separators = default)
    {
        if (separators.IsEmpty) separators = " \t\n\r"u8;
        Span<byte> window = stackalloc byte[4096];
        long p = position;
        // Move forward until the byte before p is a separator (a word may be long: read on).
        while (p > 0 && p < end)
        {
            int read = RandomAccess.Read(file, window, p - 1);
            if (read == 0) return end;
            int k = window[..read].IndexOfAny(separators);
            if (k >= 0) return Math.Min(p + k, end);
            p += read;
        }
        return Math.Min(p, end);
    }

    /// <summary>The first position at or after <paramref name="position"/> where no word is cut.</summary>
    public static long Align(byte* text, long length, long position)
    {
        long p = Math.Clamp(position, 0, length);
        while (p > 0 && p < length && !Tokenization.IsSeparator(text[p - 1])) p++;
        return p;
    }
}
