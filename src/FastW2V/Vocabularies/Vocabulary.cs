using System.Text;
using FastW2V.Corpus;

namespace FastW2V.Vocabularies;

/// <summary>
/// The final vocabulary, in word2vec.c's order: &lt;/s&gt; is entry 0, the rest by count descending,
/// ties in order of first appearance in the corpus. Word ids are indices into this order.
/// </summary>
internal sealed unsafe class Vocabulary
{
    private readonly WordCountTable _table;

    public int Count => _table.Count;

    /// <summary>Sum of all counts: word2vec.c's train_words (the learning-rate schedule's total).</summary>
    public long TotalCount { get; }

    /// <summary>Words in the corpus, counted before min-count and max-vocab dropped any.</summary>
    public long CorpusTokens { get; init; }

    /// <summary>Distinct words seen, before min-count and max-vocab dropped any.</summary>
    public long DistinctWords { get; init; }

    /// <summary>Rounds of word2vec.c-style pruning while counting (0 unless the corpus is huge).</summary>
    public int PruneRounds { get; init; }

    internal Vocabulary(WordCountTable orderedTable)
    {
        _table = orderedTable;
        long total = 0;
        for (int i = 0; i < Count; i++) total += _table.GetCount(i);
        TotalCount = total;
    }

    /// <summary>Builds a vocabulary from words already in final order (the first must be &lt;/s&gt;).</summary>
    public static Vocabulary FromOrdered(IEnumerable<(string Word, long Count)> words)
    {
        var table = new WordCountTable();
        foreach (var (word, count) in words)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(word);
            if (table.Find(bytes) >= 0)
                throw new FastW2VException($"The word '{word}' appears twice in the vocabulary.");
            table.Add(bytes, count);
        }
        if (table.Count == 0 || !table.GetWord(0).SequenceEqual(Tokenization.SentenceEndUtf8))
            throw new ArgumentException("The first word of a vocabulary must be </s>.");
        return new Vocabulary(table);
    }

    /// <summary>Builds a vocabulary from word bytes already in final order (a checkpoint's).</summary>
    internal static Vocabulary FromOrderedBytes(IEnumerable<(byte[] Word, long Count)> words, long corpusTokens,
        long distinct, int pruneRounds)
    {
        var table = new WordCountTable();
        foreach (var (word, count) in words)
        {
            if (table.Find(word) >= 0)
                throw new FastW2VException("A word appears twice in the checkpoint's vocabulary.");
            table.Add(word, count);
        }
        if (table.Count == 0 || !table.GetWord(0).SequenceEqual(Tokenization.SentenceEndUtf8))
            throw new FastW2VException("The checkpoint's vocabulary does not start with </s>.");
        return new Vocabulary(table)
        {
            CorpusTokens = corpusTokens, DistinctWords = distinct, PruneRounds = pruneRounds,
        };
    }

    public long GetCount(int id) => _table.GetCount(id);
    public ReadOnlySpan<byte> GetWordBytes(int id) => _table.GetWord(id);
    public string GetWord(int id) => Encoding.UTF8.GetString(_table.GetWord(id));

    /// <summary>The id of the word, or -1.</summary>
    public int Find(ReadOnlySpan<byte> word) => _table.Find(word);
    public int Find(string word) => _table.Find(Encoding.UTF8.GetBytes(word));
    internal int Find(byte* word, int length, bool readable16 = false) => _table.Find(word, length, readable16);

    public long[] GetCounts()
    {
        var counts = new long[Count];
        for (int i = 0; i < counts.Length; i++) counts[i] = _table.GetCount(i);
        return counts;
    }
}
