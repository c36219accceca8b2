using System.Runtime.CompilerServices;
using FastW2V.Sampling;

namespace FastW2V.Training;

/// <summary>
/// A worker's negatives, drawn a thousand at a time into a small buffer. Each draw reads a random
/// entry of the sampling table, which the embedding rows have usually pushed out of L2; drawn one
/// window at a time, the few misses run one after another into code that needs their result, while in a
/// batch loop with nothing depending on them they all overlap. Has its own random stream, so the order of draws is
/// still fixed by the seed.
/// </summary>
internal unsafe struct NegativeStream
{
    public const int Size = 1024;
    private readonly int* _buffer;
    private int _next;
    private FastRandom _rng;

    public NegativeStream(int* buffer, ulong seed)
    {
        _buffer = buffer;
        _next = Size;
        _rng = new FastRandom(seed);
    }

    /// <summary>Saves the undrawn negatives and the generator (a checkpoint).</summary>
    public readonly void SaveTo(WorkerPosition position)
    {
        new ReadOnlySpan<int>(_buffer, Size).CopyTo(position.Negatives);
        position.NegativeNext = _next;
        position.NegativeRng = _rng.State;
    }

    /// <summary>Continues exactly where <see cref="SaveTo"/> left off.</summary>
    public void RestoreFrom(WorkerPosition position)
    {
        position.Negatives.CopyTo(new Span<int>(_buffer, Size));
        _next = position.NegativeNext;
        _rng = FastRandom.FromState(position.NegativeRng);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Next(in NegativeSamplingStep ns)
    {
        if (_next == Size) Refill(in ns);
        return _buffer[_next++];
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Refill(in NegativeSamplingStep ns)
    {
        var rng = _rng; // a local stays in a register; the field would be stored and reloaded per draw
        for (int i = 0; i < Size; i++) _buffer[i] = ns.Draw(ref rng);
        _rng = rng;
        _next = 0;
    }
}
