using System.Runtime.CompilerServices;

namespace FastW2V.Vocabulary;

/// <summary>
/// A fast 64-bit hash of a short byte string (wyhash-style multiply-fold). Words are short (text8
/// averages 5 bytes), so one or two overlapping unaligned loads cover the whole word without a loop
/// and without reading past its end.
/// </summary>
internal static unsafe class WordHash
{
    private const ulong S0 = 0xa0761d6478bd642f, S1 = 0xe7037ed1a0b428db, S2 = 0x8ebc6af09c88c6e3;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Hash(byte* p, int length) => Hash(p, length, out _, out _);

    /// <summary>
    /// Also returns the key words <paramref name="a"/>, <paramref name="b"/>: for a word of at most 16
    /// bytes, (length, a, b) identify it uniquely, so tables compare those instead of the bytes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Hash(byte* p, int length, out ulong a, out ulong b)
    {
        if (length <= 16)
        {
            if (length >= 8) { a = Unsafe.ReadUnaligned<ulong>(p); b = Unsafe.ReadUnaligned<ulong>(p + length - 8); }
            else if (length >= 4) { a = Unsafe.ReadUnaligned<uint>(p); b = Unsafe.ReadUnaligned<uint>(p + length - 4); }
            else if (length > 0) { a = ((ulong)p[0] << 16) | ((ulong)p[length >> 1] << 8) | p[length - 1]; b = 0; }
            else { a = 0; b = 0; }
            return Mix(S1 ^ (ulong)length, Mix(a ^ S1, b ^ S0));
        }
        a = 0;
        b = 0;
        return HashLong(p, length);
    }

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
