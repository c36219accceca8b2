using FastW2V.Corpus;

namespace FastW2V.Tests.Vocabularies;

/// <summary>
/// word2vec.c's vocabulary semantics written the plainest way (a dictionary and a stable sort), to
/// check the fast parallel builder against.
/// </summary>
internal static class ReferenceVocabulary
{
    public static List<(string Word, long Count)> Build(IEnumerable<string> tokens, long minCount, int pruneThreshold = int.MaxValue)
    {
        var counts = new Dictionary<string, long> { [Tokenization.SentenceEnd] = 0 };
        var order = new List<string> { Tokenization.SentenceEnd };
        long minReduce = 1;
        foreach (var t in tokens)
        {
            if (counts.TryGetValue(t, out long c)) counts[t] = c + 1;
            else { counts[t] = 1; order.Add(t); }
            if (order.Count > pruneThreshold)
            {
                // word2vec.c's ReduceVocab (which keeps </s> here: word2vec.c itself can drop it).
                var dropped = order.Skip(1).Where(w => counts[w] <= minReduce).ToHashSet();
                foreach (var w in dropped) counts.Remove(w);
                order = order.Where(w => !dropped.Contains(w)).ToList();
                minReduce++;
            }
        }
        var rest = order.Skip(1).Where(w => counts[w] >= minCount).OrderByDescending(w => counts[w]); // LINQ's sort is stable
        return [(Tokenization.SentenceEnd, counts[Tokenization.SentenceEnd]), .. rest.Select(w => (w, counts[w]))];
    }
}
