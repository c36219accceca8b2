using Microsoft.Win32.SafeHandles;
using FastW2V.Corpus;
using FastW2V.Vocabularies;

namespace FastW2V.Preparation;

/// <summary>
/// Counting a text in parallel under a memory budget, as corpus preparation and word2phrase's first pass
/// both do: one word-aligned shard per thread, each counted into its own table, the tables merged in text
/// order. When the parallel count cannot stand in for the one sequential pass (the tables passed the
/// budget, so that pass would have pruned; or its result depends on the order of a single pass), the
/// shards are given up and the text is counted again in that pass.
/// </summary>
internal static class ShardedCount
{
    /// <summary>Tiny texts get one shard: shards under 64 KiB cost more to merge than they save.</summary>
    private const long MinShardBytes = 64 << 10;

    /// <summary>
    /// The shard bounds of [<paramref name="start"/>, <paramref name="end"/>): one word-aligned shard per
    /// thread, cut after one of <paramref name="separators"/> (see <see cref="ShardPlanner"/>).
    /// </summary>
    public static long[] Plan(SafeFileHandle file, long start, long end, int threads,
        ReadOnlySpan<byte> separators = default)
    {
        int shards = (int)Math.Clamp((end - start) / MinShardBytes, 1, threads);
        return ShardPlanner.Plan(file, start, end, shards, separators);
    }

    /// <summary>
    /// Counts every shard of <paramref name="bounds"/> on its own thread, <paramref name="threads"/> at a
    /// time: <paramref name="open"/> makes shard s's counter and <paramref name="count"/> fills it. When a
    /// shard fails, every counter made so far is abandoned and the first one-line error inside is thrown as
    /// itself (anything else, such as an overflow, as the parallel loop threw it).
    /// </summary>
    public static TCounter[] CountShards<TCounter>(long[] bounds, int threads, Func<int, TCounter> open,
        Action<int, TCounter> count, Action<TCounter> abandon) where TCounter : class =>
        CountShards(bounds.Length - 1, threads, open, count, abandon);

    /// <summary>The same for <paramref name="shards"/> shards of any kind.</summary>
    public static TCounter[] CountShards<TCounter>(int shards, int threads, Func<int, TCounter> open,
        Action<int, TCounter> count, Action<TCounter> abandon) where TCounter : class
    {
        var counters = new TCounter[shards];
        try
        {
            Parallel.For(0, shards, new ParallelOptions { MaxDegreeOfParallelism = threads }, s =>
            {
                var counter = counters[s] = open(s);
                count(s, counter);
            });
        }
        catch (Exception e)
        {
            foreach (var c in counters) if (c != null) abandon(c);
            FastW2VException.ThrowFirstIn(e);
            throw;
        }
        return counters;
    }

    /// <summary>
    /// <paramref name="parallel"/>'s count, unless it gives up: by a <see cref="VocabularyOverflowException"/>
    /// (anywhere in what it throws) or by returning null. Then <paramref name="abandon"/> frees what it
    /// left, the reason (<paramref name="overflowMessage"/> or <paramref name="nullMessage"/>) is logged,
    /// and <paramref name="sequential"/> counts again in one pass.
    /// </summary>
    public static T CountOrFallBack<T>(Func<T?> parallel, Action abandon, string overflowMessage,
        string? nullMessage, Action<string>? log, Func<T> sequential) where T : class
    {
        string message;
        try
        {
            if (parallel() is { } counted) return counted;
            message = nullMessage ?? throw new InvalidOperationException("The parallel count returned nothing.");
        }
        catch (Exception e) when (VocabularyOverflowException.IsIn(e))
        {
            message = overflowMessage;
        }
        abandon();
        log?.Invoke(message);
        return sequential();
    }
}
