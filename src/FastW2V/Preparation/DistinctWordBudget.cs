using FastW2V.Vocabularies;

namespace FastW2V.Preparation;

/// <summary>
/// The total entries of the parallel shards' tables, so their exact count gives up (and the sequential
/// pruning pass takes over) before the tables together hold more than the limit.
/// </summary>
internal sealed class DistinctWordBudget(long limit)
{
    private long _total;

    public void Add(int entries)
    {
        if (Interlocked.Add(ref _total, entries) > limit) throw new VocabularyOverflowException();
    }
}
