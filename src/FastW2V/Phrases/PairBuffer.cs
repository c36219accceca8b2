using FastW2V.Storage;
using System.Runtime.CompilerServices;
using FastW2V.Kernels;

namespace FastW2V.Phrases;

/// <summary>
/// The previous word, an underscore and the current word, side by side, so that word2phrase's bigram key
/// <c>prev_cur</c> (cut to <see cref="MaxPairBytes"/>) is a prefix of the buffer and the current word a
/// slice of it: neither is copied again to be hashed. Padded so that 16 bytes can always be read past any
/// start (the table's short-key hash reads 16 at a time).
/// </summary>
internal sealed unsafe class PairBuffer
{
    /// <summary>word2phrase builds "prev_cur" in a buffer of 120 bytes, then ends it at byte 59.</summary>
    public const int MaxPairBytes = 59;
    private const int Capacity = 2 * PhraseTokenizer.MaxWordBytes + 1 + 64;

    private readonly byte[] _pinned = GC.AllocateArray<byte>(Capacity, pinned: true);
    private readonly byte* _bytes;
    private int _previousLength = -1; // -1: no previous word

    public PairBuffer() => _bytes = (byte*)Unsafe.AsPointer(ref _pinned[0]);

    public bool HasPrevious => _previousLength >= 0;
    public byte* Current { get; private set; }
    public int CurrentLength { get; private set; }
    public byte* Pair => _bytes;
    /// <summary>The bigram key's length: "prev_cur" cut at <see cref="MaxPairBytes"/>.</summary>
    public int PairLength { get; private set; }
    public ReadOnlySpan<byte> Previous => HasPrevious ? new(_bytes, _previousLength) : default;

    /// <summary>No previous word (the start of a shard: its first pair is counted at the merge).</summary>
    public void Clear() => _previousLength = -1;

    /// <summary>
    /// The start of the file. word2phrase's first bigram joins the first word with its uninitialised
    /// <c>last_word</c> (stack bytes): one more distinct key, counted once, that no lookup ever finds.
    /// A NUL byte (never in accepted text) stands for those bytes, so it can match no real key either.
    /// </summary>
    public void StartOfFile() => SetPrevious([0]);

    public void SetPrevious(ReadOnlySpan<byte> word)
    {
        fixed (byte* w = word) SetPrevious(w, word.Length);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SetPrevious(byte* word, int length)
    {
        ShortCopy.Copy(_bytes, word, length);
        _bytes[length] = (byte)'_';
        _previousLength = length;
    }

    /// <summary>Places the next word after the previous one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetCurrent(ReadOnlySpan<byte> word)
    {
        int at = _previousLength + 1;
        Current = _bytes + at;
        CurrentLength = word.Length;
        fixed (byte* w = word) ShortCopy.Copy(Current, w, word.Length);
        PairLength = Math.Min(MaxPairBytes, at + word.Length);
    }

    /// <summary>The current word becomes the previous one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Advance() => SetPrevious(Current, CurrentLength);
}
