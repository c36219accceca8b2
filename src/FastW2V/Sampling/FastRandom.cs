using System.Runtime.CompilerServices;

namespace FastW2V.Sampling;

/// <summary>
/// A per-thread 64-bit linear congruential generator (Knuth's MMIX constants) that returns its high
/// 32 bits, whose quality is good (word2vec.c uses the same kind of generator but its low bits).
/// One multiply-add per number; a struct, so it lives in a register in the training loops.
/// </summary>
internal struct FastRandom(ulong seed)
{
    private ulong _state = Mix(seed);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint Next()
    {
        _state = _state * 6364136223846793005UL + 1442695040888963407UL;
        return (uint)(_state >> 32);
    }

    /// <summary>The generator's whole state (a checkpoint saves it; <see cref="FromState"/> restores it).</summary>
    public readonly ulong State => _state;

    public static FastRandom FromState(ulong state)
    {
        var r = new FastRandom(0);
        r._state = state;
        return r;
    }

    /// <summary>Uniform in [0, n) by multiply-shift (no division).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint NextBelow(uint n) => (uint)(((ulong)Next() * n) >> 32);

    /// <summary>Uniform in [0, 1).</summary>
    public float NextFloat() => (Next() >> 8) * (1f / (1 << 24));

    /// <summary>Spreads nearby seeds (0, 1, 2: one per thread) over the state space (splitmix64).</summary>
    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
