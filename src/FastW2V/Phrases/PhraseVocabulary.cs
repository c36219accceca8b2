using System.Runtime.CompilerServices;
using FastW2V.Vocabularies;

namespace FastW2V.Phrases;

/// <summary>
/// The words and bigram keys word2phrase keeps after counting, with their counts, and its phrase score.
/// <para>
/// word2phrase's SortVocab keeps every key counted at least min-count times, but its loop also shrinks
/// the table from the end once per key below min-count it meets, starting with entry 0 (&lt;/s&gt;, count
/// 0). So when no key is below min-count (min-count 1, or a tiny text), the last key of the sorted table
/// is dropped too: among the keys with the lowest count, the one first seen last (glibc's qsort is a
/// stable merge sort here). That needs the table in first-appearance order, which only the sequential
/// count gives (<see cref="Select"/> says when it needs it).
/// </para>
/// </summary>
internal sealed unsafe class PhraseVocabulary
{
    private readonly WordCountTable _kept;
    private readonly long _minCount;
    private readonly float _threshold, _trainWords;

    /// <summary>Tokens counted (word2phrase's train_words).</summary>
    public long TrainWords { get; }
    /// <summary>What word2phrase prints as "Vocab size (unigrams + bigrams)".</summary>
    public long ReportedSize { get; }
    public int Count => _kept.Count;

    private PhraseVocabulary(WordCountTable kept, long trainWords, long reportedSize, PhraseOptions options)
    {
        _kept = kept;
        TrainWords = trainWords;
        ReportedSize = reportedSize;
        _minCount = options.MinCount;
        _threshold = options.Threshold;
        _trainWords = trainWords;
    }

    /// <summary>
    /// Selects the kept keys of a counted table, in one sequential read of its slots; null when SortVocab's
    /// extra drop applies and <paramref name="inFirstAppearanceOrder"/> is false (the caller counts again
    /// in one pass to learn the order). The counted table is disposed unless null is returned.
    /// </summary>
    public static PhraseVocabulary? Select(WordCountTable counted, long trainWords, PhraseOptions options,
        bool inFirstAppearanceOrder)
    {
        long minCount = options.MinCount;
        int n = counted.Count;
        // The slots are read in parallel parts (a table of millions of keys: hundreds of MB), then the parts combined.
        int parts = Math.Max(1, Math.Min(options.Threads, n / (1 << 16)));
        var census = new Census[parts];
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = options.Threads }, part =>
        {
            var c = new Census(minCount);
            counted.ForEachBySlot(c.Visit, part, parts);
            census[part] = c;
        });
        long below = census.Sum(c => c.Below);
        int lastLowest = census.Select(c => (c.Lowest, c.LastLowest)).Min(LowestFirstSeenLast.Instance).Item2;
        bool firstKept = n > 0 && counted.GetCount(0) >= minCount;
        int extraDrop = -1;
        if (!firstKept && below == 0 && n > 1)
        {
            if (!inFirstAppearanceOrder) return null;
            extraDrop = lastLowest; // the sorted table's last key: lowest count, first seen last (a stable sort)
        }
        var kept = new WordCountTable(Math.Max(16, census.Sum(c => c.Keep.Count) + 1));
        if (firstKept) kept.AddEntryOf(counted, 0, counted.GetCount(0));
        foreach (var part in census)
            foreach (var (entry, count) in part.Keep)
                if (entry != extraDrop) kept.AddEntryOf(counted, entry, count);
        long reported = ReportedSizeAfterSort(n, n - 1 - below, firstKept);
        counted.Dispose();
        return new PhraseVocabulary(kept, trainWords, reported, options);
    }

    /// <summary>One part's share of the slots: keys below min-count, the kept ones, the lowest count first seen
    /// last.</summary>
    private sealed class Census(long minCount)
    {
        public long Below, Lowest = long.MaxValue;
        public int LastLowest = -1;
        public readonly List<(int Entry, long Count)> Keep = [];

        public void Visit(int entry, long count)
        {
            if (entry == 0) return; // entry 0 is not sorted, only kept or not
            if (count < minCount) Below++;
            else Keep.Add((entry, count));
            if (count < Lowest || (count == Lowest && entry > LastLowest)) (Lowest, LastLowest) = (count, entry);
        }
    }

    /// <summary>Orders (count, entry) so that the minimum is the lowest count, first seen last.</summary>
    private sealed class LowestFirstSeenLast : IComparer<(long Count, int Entry)>
    {
        public static readonly LowestFirstSeenLast Instance = new();
        public int Compare((long Count, int Entry) a, (long Count, int Entry) b) =>
            a.Count != b.Count ? a.Count.CompareTo(b.Count) : b.Entry.CompareTo(a.Entry);
    }

    /// <summary>SortVocab's loop on a sorted table of <paramref name="n"/> entries whose entries 1..good
    /// reach min-count: each entry below min-count it visits takes one entry off the end.</summary>
    private static long ReportedSizeAfterSort(long n, long good, bool firstKept)
    {
        long size = n;
        for (long a = 0; a < size; a++)
        {
            bool below = a == 0 ? !firstKept : a > good;
            if (below) size--;
        }
        return size;
    }

    /// <summary>The kept keys and their counts.</summary>
    public WordCountTable Table => _kept;

    /// <summary>
    /// word2phrase's test for joining the current word to the previous one, in its float arithmetic:
    /// <c>(count(ab) − min_count) / count(a) / count(b) × train_words &gt; threshold</c>. After a join
    /// word2phrase sets count(a) to 0, which blocks the next join when min-count ≥ 1 (and divides by zero,
    /// as word2phrase does, when it is not).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Joins(long countA, long countB, long countAB)
    {
        if (countA < _minCount || countB < _minCount) return false;
        float score = (float)(countAB - _minCount) / (float)countA / (float)countB * _trainWords;
        return score > _threshold;
    }

    public void Dispose() => _kept.Dispose();
}
