using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastW2V.Vocabularies;

/// <summary>
/// A fast 64-bit hash of a byte string (wyhash-style multiply-fold). Words are short (text8 averages
/// 5 bytes), so one masked 16-byte load covers nearly every word without a loop.
/// </summary>
internal static unsafe class WordHash
{
    private const ulong S0 = 0xa0761d6478bd642f, S1 = 0xe7037ed1a0b428db, S2 = 0x8ebc6af09c88c6e3;

    /// <summary>Hash of any word; safe for any pointer (short words are copied to a padded buffer).</summary>
    public static ulong Hash(byte* p, int length) => Hash(p, length, out _, out _);

    /// <inheritdoc cref="Hash(byte*, int)"/>
    public static ulong Hash(byte* p, int length, out ulong a, out ulong b)
    {
        if (length > 16) { a = 0; b = 0; return HashLong(p, length); }
        byte* padded = stackalloc byte[16];
        Unsafe.InitBlockUnaligned(padded, 0, 16);
        Unsafe.CopyBlockUnaligned(padded, p, (uint)length);
        return HashReadable16(padded, length, out a, out b);
    }

    /// <summary>
    /// Hash for a pointer with at least 16 readable bytes. A word of at most 16 bytes is loaded with one
    /// 16-byte load masked to its length (no branch on the length, which mispredicts on real text), and
    /// (length, <paramref name="a"/>, <paramref name="b"/>) identify it uniquely, so tables compare
    /// those two words instead of the bytes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong HashReadable16(byte* p, int length, out ulong a, out ulong b)
    {
        if (length > 16) { a = 0; b = 0; return HashLong(p, length); }
        var key =
            Vector128.Load(p) & Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(LengthMasks), (nuint)(length * 16));
        a = key.AsUInt64().ToScalar();
        b = key.AsUInt64().GetElement(1);
        return OfKey(a, b, length);
    }

    /// <summary>The hash of a word of at most 16 bytes from its key words (a table rehashes without the
    /// bytes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong OfKey(ulong a, ulong b, int length) => Mix(S2 ^ (ulong)length, Mix(a ^ S1, b ^ S0));

    /// <summary>Row n: n bytes of 0xFF then zeros (n = 0..16).</summary>
    private static ReadOnlySpan<byte> LengthMasks => [
        0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
        255,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
        255,255,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
        255,255,255,0,0,0,0,0,0,0,0,0,0,0,0,0,
        255,255,255,255,0,0,0,0,0,0,0,0,0,0,0,0,
        255,255,255,255,255,0,0,0,0,0,0,0,0,0,0,0,
        255,255,255,255,255,255,0,0,0,0,0,0,0,0,0,0,
        255,255,255,255,255,255,255,0,0,0,0,0,0,0,0,0,
        255,255,255,255,255,255,255,255,0,0,0,0,0,0,0,0,
        255,255,255,255,255,255,255,255,255,0,0,0,0,0,0,0,
        255,255,255,255,255,255,255,255,255,255,0,0,0,0,0,0,
        255,255,255,255,255,255,255,255,255,255,255,0,0,0,0,0,
        255,255,255,255,255,255,255,255,255,255,255,255,0,0,0,0,
        255,255,255,255,255,255,255,255,255,255,255,255,255,0,0,0,
        255,255,255,255,255,255,255,255,255,255,255,255,255,255,0,0,
        255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,0,
        255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,
    ];

    private static ulong HashLong(byte* p, int length)
    {
        ulong seed = S0;
        int i = 0;
        for (; i + 16 < length; i += 16)
            seed = Mix(Unsafe.ReadUnaligned<ulong>(p + i) ^ S1, Unsafe.ReadUnaligned<ulong>(p + i + 8) ^ seed);
        ulong a = Unsafe.ReadUnaligned<ulong>(p + length - 16), b = Unsafe.ReadUnaligned<ulong>(p + length - 8);
        return Mix(S2 ^ (ulong)length, Mix(a ^ S1, b ^ seed));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong x, ulong y)
    {
        ulong hi = Math.BigMul(x, y, out ulong lo);
        return hi ^ lo;
    }
}
