using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FastW2V.Vocabulary;

/// <summary>
/// An open-addressing hash table from word (bytes) to count that remembers insertion order: entry
/// <c>i</c> is the <c>i</c>-th distinct word seen. The slot array holds a 32-bit hash tag beside the
/// entry index, so a probe rarely touches an entry that does not match. Word bytes live in one arena.
/// Used per shard while counting (entry index = provisional token id), to merge shards, and as the
/// final vocabulary's lookup.
/// </summary>
internal sealed unsafe class WordCountTable
{
    private struct Entry
    {
        public long Count;
        public ulong KeyA, KeyB; // WordHash's key words: words of ≤ 16 bytes compare on these alone
        public int Offset;
        public int Length;
    }

    private ulong[] _slots;    // 0 = empty, else (tag << 32) | (entry index + 1)
    private Entry[] _entries;
    private byte[] _arena;
    private int _arenaUsed;

    public int Count { get; private set; }

    public WordCountTable(int expectedWords = 1 << 16)
    {
        int slots = (int)Math.Min(1L << 30, BitOperationsHelper.NextPowerOfTwo(Math.Max(16, expectedWords * 2L)));
        _slots = new ulong[slots];
        _entries = new Entry[Math.Max(16, expectedWords)];
        _arena = new byte[Math.Max(256, expectedWords * 8)];
    }

    /// <summary>A counting table whose entry 0 is &lt;/s&gt; (count 0), as every shard's table must be.</summary>
    public static WordCountTable StartingWithSentenceEnd(int expectedWords = 1 << 16)
    {
        var table = new WordCountTable(expectedWords);
        table.Add(Corpus.Tokenization.SentenceEndUtf8, 0);
        return table;
    }

    public long GetCount(int index) => _entries[index].Count;
    public void SetCount(int index, long count) => _entries[index].Count = count;
    public void Increment(int index) => _entries[index].Count++;

    public ReadOnlySpan<byte> GetWord(int index)
    {
        ref readonly Entry e = ref _entries[index];
        return new ReadOnlySpan<byte>(_arena, e.Offset, e.Length);
    }

    /// <summary>
    /// Adds one occurrence of the word; returns its entry index. <paramref name="readable16"/>: at least
    /// 16 bytes can be read at <paramref name="word"/> (true inside a text except at its very end).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int AddOne(byte* word, int length, bool readable16) => Add(word, length, 1, readable16);

    /// <summary>Adds <paramref name="count"/> occurrences (0 inserts without counting).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Add(byte* word, int length, long count, bool readable16 = false)
    {
        ulong hash = readable16 ? WordHash.HashReadable16(word, length, out ulong a, out ulong b)
                                : WordHash.Hash(word, length, out a, out b);
        int index = Probe(word, length, hash, a, b, out int slot);
        if (index >= 0)
        {
            Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_entries), index).Count += count;
            return index;
        }
        return Insert(word, length, hash, a, b, slot, count);
    }

    public int Add(ReadOnlySpan<byte> word, long count)
    {
        fixed (byte* p = word) return Add(p, word.Length, count, readable16: false);
    }

    /// <summary>The entry index of the word, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find(byte* word, int length, bool readable16 = false)
    {
        ulong hash = readable16 ? WordHash.HashReadable16(word, length, out ulong a, out ulong b)
                                : WordHash.Hash(word, length, out a, out b);
        return Probe(word, length, hash, a, b, out _);
    }

    public int Find(ReadOnlySpan<byte> word)
    {
        fixed (byte* p = word) return Find(p, word.Length);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Probe(byte* word, int length, ulong hash, ulong a, ulong b, out int slot)
    {
        ref ulong slots = ref MemoryMarshal.GetArrayDataReference(_slots);
        ref Entry entries = ref MemoryMarshal.GetArrayDataReference(_entries);
        ref byte arena = ref MemoryMarshal.GetArrayDataReference(_arena);
        uint mask = (uint)_slots.Length - 1;
        uint tag = (uint)(hash >> 32);
        uint i = (uint)hash & mask;
        while (true)
        {
            ulong s = Unsafe.Add(ref slots, (nint)i);
            if (s == 0) { slot = (int)i; return -1; }
            if ((uint)(s >> 32) == tag)
            {
                int index = (int)(uint)s - 1;
                ref Entry e = ref Unsafe.Add(ref entries, index);
                if (e.Length == length && e.KeyA == a && e.KeyB == b &&
                    (length <= 16 || new ReadOnlySpan<byte>(word, length).SequenceEqual(
                        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref arena, e.Offset), length))))
                {
                    slot = (int)i;
                    return index;
                }
            }
            i = (i + 1) & mask;
        }
    }

    private int Insert(byte* word, int length, ulong hash, ulong a, ulong b, int slot, long count)
    {
        if (Count == _entries.Length) Array.Resize(ref _entries, checked(_entries.Length * 2));
        if (_arenaUsed + length > _arena.Length)
            Array.Resize(ref _arena, (int)Math.Min(Array.MaxLength, Math.Max(_arena.Length * 2L, _arenaUsed + (long)length)));
        new ReadOnlySpan<byte>(word, length).CopyTo(_arena.AsSpan(_arenaUsed));
        int index = Count++;
        _entries[index] = new Entry { Count = count, KeyA = a, KeyB = b, Offset = _arenaUsed, Length = length };
        _arenaUsed += length;
        _slots[slot] = ((hash >> 32) << 32) | (uint)(index + 1);
        if (Count * 2L > _slots.Length) Rehash(_slots.Length * 2);
        return index;
    }

    private void Rehash(int slotCount)
    {
        _slots = new ulong[slotCount];
        for (int i = 0; i < Count; i++) PlaceSlot(i);
    }

    private void PlaceSlot(int index)
    {
        ref Entry e = ref _entries[index];
        ulong hash;
        fixed (byte* p = &_arena[0]) hash = WordHash.Hash(p + e.Offset, e.Length, out _, out _);
        uint mask = (uint)_slots.Length - 1;
        uint i = (uint)hash & mask;
        while (_slots[i] != 0) i = (i + 1) & mask;
        _slots[i] = ((hash >> 32) << 32) | (uint)(index + 1);
    }

    /// <summary>
    /// word2vec.c's ReduceVocab: drops every entry (but entry 0, &lt;/s&gt;) counted at most
    /// <paramref name="maxCountToDrop"/> times, keeping the order of the rest. Returns the map from old
    /// to new entry index (-1 for dropped), so provisional ids written so far can be rewritten.
    /// </summary>
    public int[] Prune(long maxCountToDrop)
    {
        var map = new int[Count];
        var arena = new byte[Math.Max(256, _arenaUsed)];
        int kept = 0, used = 0;
        for (int i = 0; i < Count; i++)
        {
            Entry e = _entries[i];
            if (i != 0 && e.Count <= maxCountToDrop) { map[i] = -1; continue; }
            Array.Copy(_arena, e.Offset, arena, used, e.Length);
            _entries[kept] = e with { Offset = used };
            map[i] = kept++;
            used += e.Length;
        }
        Count = kept;
        _arena = arena;
        _arenaUsed = used;
        Rehash(_slots.Length);
        return map;
    }

    /// <summary>Approximate bytes held, for the pruning budget and the log.</summary>
    public long ApproximateBytes => _slots.Length * 8L + _entries.Length * (long)Unsafe.SizeOf<Entry>() + _arena.Length;
}

internal static class BitOperationsHelper
{
    public static long NextPowerOfTwo(long x)
    {
        long p = 1;
        while (p < x) p <<= 1;
        return p;
    }
}
