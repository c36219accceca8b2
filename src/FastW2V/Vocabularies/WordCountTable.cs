using FastW2V.Storage;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace FastW2V.Vocabularies;

/// <summary>
/// An open-addressing hash table from word (bytes) to count that remembers insertion order: entry
/// <c>i</c> is the <c>i</c>-th distinct word seen. Used per shard while counting (entry index =
/// provisional token id), to merge shards, and as the final vocabulary's lookup.
/// <para>
/// Why this layout: counting is one lookup per token, so what it costs is the cache lines a lookup
/// touches. A 32-byte slot (half a cache line, in 64-byte-aligned unmanaged memory) holds the word's
/// key, its count and its entry index, so a word of at most 16 bytes is found and counted in one line;
/// a separate entry array (word bytes and the slot that holds the word) is touched only to insert,
/// to compare a longer word's bytes, and to read the table in order. The slot array is advised as huge
/// pages (AlignedBuffer): rare words land on random pages.
/// </para>
/// </summary>
internal sealed unsafe class WordCountTable
{
    [StructLayout(LayoutKind.Sequential, Size = 32)]
    private struct Slot
    {
        public ulong KeyA, KeyB; // WordHash's key words: a word of ≤ 16 bytes is identified by them and its length
        public long Count;
        public int Entry;        // entry index + 1; 0 = empty
        public int Length;
    }

    private struct Entry
    {
        public int Offset; // in the arena
        public int Length;
        public int Slot;
    }

    private AlignedBuffer _slotMemory;
    private Slot* _slots;
    private uint _mask;
    private Entry[] _entries;
    private byte[] _arena;
    private int _arenaUsed;

    public int Count { get; private set; }

    public WordCountTable(int expectedWords = 1 << 10)
    {
        AllocateSlots(Math.Min(1L << 30, BitOperationsHelper.NextPowerOfTwo(Math.Max(16, expectedWords * 2L))));
        _entries = new Entry[Math.Max(16, expectedWords)];
        _arena = new byte[Math.Max(256, expectedWords * 8)];
    }

    /// <summary>A counting table whose entry 0 is &lt;/s&gt; (count 0), as every shard's table must be.</summary>
    public static WordCountTable StartingWithSentenceEnd(int expectedWords = 1 << 10)
    {
        var table = new WordCountTable(expectedWords);
        table.Add(Corpus.Tokenization.SentenceEndUtf8, 0);
        return table;
    }

    [MemberNotNull(nameof(_slotMemory))]
    private void AllocateSlots(long slotCount)
    {
        var memory = new AlignedBuffer(slotCount * sizeof(Slot));
        _slotMemory = memory;
        _slots = (Slot*)memory.Pointer;
        _mask = (uint)(slotCount - 1);
    }

    ~WordCountTable() => _slotMemory?.Dispose();

    /// <summary>Frees the slots now (a table given up); the table must not be used after.</summary>
    public void Dispose()
    {
        _slotMemory.Dispose();
        _slots = null; // a use after this fails at once instead of reading freed memory
        Count = 0;
        GC.SuppressFinalize(this);
    }

    public long GetCount(int index) => _slots[_entries[index].Slot].Count;
    public void SetCount(int index, long count) => _slots[_entries[index].Slot].Count = count;
    public void Increment(int index) => _slots[_entries[index].Slot].Count++;

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
        ulong hash = HashOf(word, length, readable16, out ulong a, out ulong b);
        return AddHashed(word, length, hash, a, b, count);
    }

    public int Add(ReadOnlySpan<byte> word, long count)
    {
        fixed (byte* p = word) return Add(p, word.Length, count, readable16: false);
    }

    /// <summary>The hash and key words <see cref="AddHashed"/> takes, computed ahead so a batch can prefetch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong HashOf(byte* word, int length, bool readable16, out ulong a, out ulong b)
    {
        if (length > 16)
        {
            // A long word's key is its hash; its bytes are compared in the arena.
            ulong h = WordHash.Hash(word, length);
            a = h;
            b = 0;
            return h;
        }
        return readable16 ? WordHash.HashReadable16(word, length, out a, out b)
            : WordHash.Hash(word, length, out a, out b);
    }

    /// <summary>Starts loading the word's home slot (a hint: a counting batch overlaps its cache misses).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void PrefetchSlot(ulong hash)
    {
        if (Sse.IsSupported) Sse.Prefetch0(_slots + ((uint)hash & _mask));
    }

    /// <summary><see cref="Add(byte*, int, long, bool)"/> with the hash from <see cref="HashOf"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int AddHashed(byte* word, int length, ulong hash, ulong a, ulong b, long count)
    {
        Slot* s = Probe(word, length, hash, a, b);
        if (s->Entry != 0)
        {
            s->Count += count;
            return s->Entry - 1;
        }
        return Insert(word, length, a, b, s, count);
    }

    /// <summary>The entry index of the word, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find(byte* word, int length, bool readable16 = false)
    {
        ulong hash = HashOf(word, length, readable16, out ulong a, out ulong b);
        return Probe(word, length, hash, a, b)->Entry - 1;
    }

    /// <summary>The word's count, or -1 when it is not in the table (one probe: no entry is read), with
    /// the hash from <see cref="HashOf"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long CountOfHashed(byte* word, int length, ulong hash, ulong a, ulong b)
    {
        Slot* s = Probe(word, length, hash, a, b);
        return s->Entry == 0 ? -1 : s->Count;
    }

    public int Find(ReadOnlySpan<byte> word)
    {
        fixed (byte* p = word) return Find(p, word.Length);
    }

    /// <summary>The slot holding the word, or the empty slot where it would go.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Slot* Probe(byte* word, int length, ulong hash, ulong a, ulong b)
    {
        uint mask = _mask;
        uint i = (uint)hash & mask;
        while (true)
        {
            Slot* s = _slots + i;
            if (s->Entry == 0) return s;
            if (s->KeyA == a && s->KeyB == b && s->Length == length
                && (length <= 16 || SameBytes(word, length, s->Entry - 1)))
                return s;
            i = (i + 1) & mask;
        }
    }

    private bool SameBytes(byte* word, int length, int entry) =>
        new ReadOnlySpan<byte>(word, length)
            .SequenceEqual(new ReadOnlySpan<byte>(_arena, _entries[entry].Offset, length));

    private int Insert(byte* word, int length, ulong a, ulong b, Slot* slot, long count)
    {
        if (Count == _entries.Length) Array.Resize(ref _entries, checked(_entries.Length * 2));
        if (_arenaUsed + length > _arena.Length)
        {
            if ((long)_arenaUsed + length > Array.MaxLength)
                throw new FastW2VException($"The vocabulary's words take more than {Array.MaxLength:N0} bytes: lower " +
                    "the prune threshold.");
            Array.Resize(ref _arena,
                (int)Math.Min(Array.MaxLength, Math.Max(_arena.Length * 2L, _arenaUsed + (long)length)));
        }
        new ReadOnlySpan<byte>(word, length).CopyTo(_arena.AsSpan(_arenaUsed));
        int index = Count++;
        _entries[index] = new Entry { Offset = _arenaUsed, Length = length, Slot = (int)(slot - _slots) };
        _arenaUsed += length;
        *slot = new Slot { KeyA = a, KeyB = b, Count = count, Entry = index + 1, Length = length };
        if (Count * 2L > _mask + 1L) Rehash((_mask + 1L) * 2);
        return index;
    }

    /// <summary>The hash of the word in a slot, from its key (a long word's key is its hash).</summary>
    private static ulong HashOfSlot(in Slot s) => s.Length > 16 ? s.KeyA : WordHash.OfKey(s.KeyA, s.KeyB, s.Length);

    /// <summary>Rebuilds the slots at the given size, moving each slot whole (no word is hashed again).</summary>
    private void Rehash(long slotCount)
    {
        if (slotCount > 1L << 30)
            throw new FastW2VException("More than 500 million distinct words in one table: lower the prune threshold.");
        AlignedBuffer old = _slotMemory;
        Slot* from = _slots;
        AllocateSlots(slotCount);
        for (int i = 0; i < Count; i++)
        {
            ref Entry e = ref _entries[i];
            Slot s = from[e.Slot];
            uint k = (uint)HashOfSlot(s) & _mask;
            while (_slots[k].Entry != 0) k = (k + 1) & _mask;
            _slots[k] = s;
            e.Slot = (int)k;
        }
        old.Dispose();
    }

    /// <summary>Adds entry <paramref name="index"/> of another table with the given count (a merge: no word is hashed
    /// again).</summary>
    public int AddEntryOf(WordCountTable other, int index, long count)
    {
        Slot s = other._slots[other._entries[index].Slot];
        fixed (byte* word = &other._arena[other._entries[index].Offset])
            return AddHashed(word, s.Length, HashOfSlot(s), s.KeyA, s.KeyB, count);
    }

    /// <summary>
    /// Adds every entry of another table with its count (a merge: no word is hashed again). In entry
    /// order, so this table's order stays first appearance when the other table's text follows this one's.
    /// Why the pipeline: each entry costs a random read in the other table's slots and one in this table's;
    /// loading the other's slot 32 entries ahead and this table's 16 ahead overlaps those misses.
    /// </summary>
    public void AddAllOf(WordCountTable other)
    {
        const int Ahead = 16;
        int n = other.Count;
        Span<ulong> hashes = stackalloc ulong[Ahead];
        for (int i = -2 * Ahead; i < n; i++)
        {
            if (i >= 0)
            {
                ref Entry e = ref other._entries[i];
                Slot s = other._slots[e.Slot];
                fixed (byte* word = &other._arena[e.Offset])
                    AddHashed(word, s.Length, hashes[i & (Ahead - 1)], s.KeyA, s.KeyB, s.Count);
            }
            int near = i + Ahead, far = i + 2 * Ahead;
            if (near >= 0 && near < n)
            {
                ulong h = hashes[near & (Ahead - 1)] = HashOfSlot(other._slots[other._entries[near].Slot]);
                PrefetchSlot(h);
            }
            if (far < n && Sse.IsSupported) Sse.Prefetch0(other._slots + other._entries[far].Slot);
        }
    }

    /// <summary>
    /// Calls <paramref name="visit"/> with the entry index and count of every entry, in slot order: a
    /// sequential read of the slots, where entry order reads them at random (on a table of millions of
    /// entries, several times faster).
    /// </summary>
    public void ForEachBySlot(Action<int, long> visit) => ForEachBySlot(visit, 0, 1);

    /// <summary><see cref="ForEachBySlot(Action{int, long})"/> over part <paramref name="part"/> of
    /// <paramref name="parts"/> of the slots (threads may read their parts at once).</summary>
    public void ForEachBySlot(Action<int, long> visit, int part, int parts)
    {
        long slots = _mask + 1L, from = slots * part / parts, to = slots * (part + 1) / parts;
        for (long i = from; i < to; i++)
        {
            Slot* s = _slots + i;
            if (s->Entry != 0) visit(s->Entry - 1, s->Count);
        }
    }

    /// <summary>
    /// word2vec.c's ReduceVocab: drops every entry (but entry 0, &lt;/s&gt;) counted at most
    /// <paramref name="maxCountToDrop"/> times, keeping the order of the rest. Returns the map from old
    /// to new entry index (-1 for dropped), so provisional ids written so far can be rewritten.
    /// <paramref name="keepFirst"/> false: entry 0 is dropped like any other (word2phrase's ReduceVocab).
    /// </summary>
    public int[] Prune(long maxCountToDrop, bool keepFirst = true)
    {
        var map = new int[Count];
        var arena = new byte[Math.Max(256, _arenaUsed)];
        int kept = 0, used = 0;
        for (int i = 0; i < Count; i++)
        {
            Entry e = _entries[i];
            if ((i != 0 || !keepFirst) && _slots[e.Slot].Count <= maxCountToDrop) { map[i] = -1; continue; }
            Array.Copy(_arena, e.Offset, arena, used, e.Length);
            _entries[kept] = e with { Offset = used };
            _slots[e.Slot].Entry = kept + 1;
            map[i] = kept++;
            used += e.Length;
        }
        Count = kept;
        _arena = arena;
        _arenaUsed = used;
        Rehash(_mask + 1L); // the dropped words' slots are left behind
        return map;
    }

    /// <summary>Approximate bytes held, for the pruning budget and the log.</summary>
    public long ApproximateBytes => _slotMemory.ByteLength + _entries.Length * (long)sizeof(Entry) + _arena.Length;
}
