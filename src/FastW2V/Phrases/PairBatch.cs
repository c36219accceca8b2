using FastW2V.Storage;
using System.Runtime.CompilerServices;
using FastW2V.Kernels;
using FastW2V.Vocabularies;

namespace FastW2V.Phrases;

/// <summary>
/// The next few words (and newlines) of a range, each with its bigram key "prev_cur", hashed and their
/// table slots prefetched as they arrive, then looked up in order when the batch is full.
/// <para>
/// Why: both phrase passes do two lookups per word, and the pair's lookup lands on a random slot of a
/// table far larger than the caches (most pairs are rare). One lookup at a time waits for each miss;
/// prefetching a batch's slots first overlaps them.
/// </para>
/// </summary>
internal sealed unsafe class PairBatch
{
    public const int Capacity = 32;
    // [prev]['_'][cur] and 16 bytes of slack for the 16-byte hash reads.
    private const int Stride = 2 * PhraseTokenizer.MaxWordBytes + 1 + 16 + 5;

    public struct Entry
    {
        public bool Newline;
        public int WordStart, WordLength;
        /// <summary>0: no previous word (no pair).</summary>
        public int PairLength;
        public ulong WordHash, WordA, WordB, PairHash, PairA, PairB;
    }

    private readonly Entry[] _items = new Entry[Capacity];
    private readonly byte[] _arena = GC.AllocateArray<byte>(Capacity * Stride, pinned: true);
    private readonly byte* _bytes;

    public PairBatch() => _bytes = (byte*)Unsafe.AsPointer(ref _arena[0]);

    /// <summary>The previous word (carried from batch to batch).</summary>
    public PairBuffer Pair { get; } = new();
    public int Count { get; private set; }
    public bool IsFull => Count == Capacity;
    public ref Entry this[int index] => ref _items[index];
    public byte* PairKey(int index) => _bytes + index * Stride;
    public byte* WordKey(int index) => _bytes + index * Stride + _items[index].WordStart;

    /// <summary>Adds a word, pairing it with the previous one, and prefetches both keys' slots in <paramref
    /// name="table"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddWord(ReadOnlySpan<byte> word, WordCountTable table)
    {
        var pair = Pair;
        pair.SetCurrent(word);
        int start = (int)(pair.Current - pair.Pair);
        byte* at = _bytes + Count * Stride;
        ShortCopy.Copy(at, pair.Pair, start + word.Length);
        ref Entry item = ref _items[Count++];
        item.Newline = false;
        item.WordStart = start;
        item.WordLength = word.Length;
        item.WordHash =
            WordCountTable.HashOf(at + start, word.Length, readable16: true, out item.WordA, out item.WordB);
        table.PrefetchSlot(item.WordHash);
        if (pair.HasPrevious)
        {
            item.PairLength = pair.PairLength;
            item.PairHash =
                WordCountTable.HashOf(at, item.PairLength, readable16: true, out item.PairA, out item.PairB);
            table.PrefetchSlot(item.PairHash);
        }
        else item.PairLength = 0;
        pair.Advance();
    }

    public void AddNewline() => _items[Count++].Newline = true;

    public void Clear() => Count = 0;
}
