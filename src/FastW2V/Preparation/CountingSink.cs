using System.Runtime.CompilerServices;
using FastW2V.Corpus;
using FastW2V.Vocabularies;

namespace FastW2V.Preparation;

/// <summary>
/// Counts the words of one shard into its own table and, when encoding, writes each token's
/// provisional id (its entry index in that table) to the shard's id file in the same pass.
/// <para>
/// Two policies when the table passes the prune threshold: <b>prune</b> (word2vec.c's ReduceVocab, for
/// the one sequential pass whose result defines the vocabulary) or <b>overflow</b> (throw
/// <see cref="VocabularyOverflowException"/>: a parallel exact count gives up, because one table over the
/// threshold means the sequential pass would have pruned). (Counting in prefetched batches of 16 words
/// was measured and did not pay: the table's one-line lookups already overlap well enough.)
/// </para>
/// </summary>
internal unsafe struct CountingSink : ITokenSink
{
    private const int BudgetStep = 1024;

    public readonly WordCountTable Table;
    private readonly TokenIdWriter? _ids;
    private readonly int _threshold;
    private readonly bool _prune;
    private readonly DistinctWordBudget? _budget;
    /// <summary>Words starting before this address have 16 readable bytes (see <see cref="WordHash"/>).</summary>
    public byte* SafeEnd;
    /// <summary>Where each numbering ends and its map to the next, one per pruning round.</summary>
    public readonly List<(long End, int[] Map)> Prunes = [];
    private long _pruneBelow = 1;
    private int _reported; // table entries already added to the budget

    /// <param name="threshold">Distinct words (entry 0 included) the table may hold.</param>
    /// <param name="prune">Prune past the threshold (else throw).</param>
    /// <param name="budget">Shared across parallel shards: their tables' total entries (overflow policy).</param>
    public CountingSink(WordCountTable table, TokenIdWriter? ids, int threshold, bool prune,
        DistinctWordBudget? budget = null)
    {
        Table = table;
        _ids = ids;
        _threshold = threshold;
        _prune = prune;
        _budget = budget;
        _reported = table.Count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Word(byte* start, int length)
    {
        int before = Table.Count;
        int id = Table.AddOne(start, length, start < SafeEnd);
        _ids?.Append(id);
        if (Table.Count != before) Inserted();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SentenceEnd()
    {
        Table.Increment(0);
        _ids?.Append(0);
    }

    private void Inserted()
    {
        if (Table.Count > _threshold)
        {
            if (!_prune) throw new VocabularyOverflowException();
            // word2vec.c's ReduceVocab: drop words seen at most min_reduce times, then raise min_reduce.
            int[] map = Table.Prune(_pruneBelow++);
            Prunes.Add((_ids?.Position ?? 0, map));
        }
        if (_budget != null && Table.Count - _reported >= BudgetStep)
        {
            _budget.Add(Table.Count - _reported);
            _reported = Table.Count;
        }
    }
}
