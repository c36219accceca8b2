using FastW2V.Vocabularies;

namespace FastW2V.Phrases;

/// <summary>
/// word2phrase's first pass over one range of the text: every word and every bigram key "prev_cur" counted
/// in one table (a text word such as "new_york" and the bigram new+york are the same key, as in
/// word2phrase). Newlines do not break pairs: word2phrase's counting pairs across them. Words are
/// counted a batch at a time (<see cref="PairBatch"/>), in text order.
/// </summary>
internal sealed unsafe class PhraseCounter
{
    private readonly PairBatch _batch = new();
    private readonly long _limit;
    private readonly bool _prune;
    private long _minReduce = 1;

    public WordCountTable Table { get; }
    public long Words { get; private set; }
    /// <summary>The range's first word, when the range does not start the file: its pair with the word
    /// before the range is counted at the merge.</summary>
    public byte[]? FirstWord { get; private set; }
    public byte[] LastWord => _batch.Pair.Previous.ToArray();
    public int PruneRounds { get; private set; }

    /// <param name="startsFile">The range starts the file (its first word is paired as word2phrase pairs it).</param>
    /// <param name="limit">Distinct keys allowed: past it the count prunes (<paramref name="prune"/>, word2phrase's
    /// ReduceVocab) or gives up (<see cref="VocabularyOverflowException"/>: the parallel count).</param>
    public PhraseCounter(long expectedKeys, bool startsFile, long limit, bool prune)
    {
        Table = WordCountTable.StartingWithSentenceEnd((int)Math.Clamp(expectedKeys, 1 << 10, 1 << 28));
        if (startsFile) _batch.Pair.StartOfFile();
        _limit = limit;
        _prune = prune;
    }

    public void Word(ReadOnlySpan<byte> word)
    {
        if (!_batch.Pair.HasPrevious) FirstWord = word.ToArray();
        _batch.AddWord(word, Table);
        Words++;
        if (_batch.IsFull) Flush();
    }

    /// <summary>Counts the batched words (call at the end of the range).</summary>
    public void Flush()
    {
        for (int i = 0; i < _batch.Count; i++)
        {
            ref var item = ref _batch[i];
            Table.AddHashed(_batch.WordKey(i), item.WordLength, item.WordHash, item.WordA, item.WordB, 1);
            if (item.PairLength > 0)
                Table.AddHashed(_batch.PairKey(i), item.PairLength, item.PairHash, item.PairA, item.PairB, 1);
            // word2phrase checks its table's size after each word's two keys.
            if (Table.Count > _limit) Reduce();
        }
        _batch.Clear();
    }

    private void Reduce()
    {
        if (!_prune) throw new VocabularyOverflowException();
        // word2phrase's ReduceVocab drops entry 0 (</s>, count 0) too.
        Table.Prune(_minReduce++, keepFirst: false);
        PruneRounds++;
    }

    public struct Sink(PhraseCounter counter) : IPhraseTokenSink
    {
        public readonly void Word(ReadOnlySpan<byte> word) => counter.Word(word);
        public readonly void Newline() { }
    }
}
