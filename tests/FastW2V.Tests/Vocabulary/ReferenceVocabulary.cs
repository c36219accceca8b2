using FastW2V.Corpus;

namespace FastW2V.Tests.Vocabulary;

/// <summary>
/// word2vec.c's vocabulary semantics written the plainest way (a dictionary and a stable sort), to
/// check the fast parallel builder against.
/// </summary>
internal static class ReferenceVocabulary
{
    public static List<(string Word, long Count)> Build(IEnumerable<string> tokens, long minCount)
    {
        var counts = new Dictionary<string, long> { [Tokenization.SentenceEnd] = 0 };
        var order = new List<string> { Tokenization.SentenceEnd };
        foreach (var t in tokens)
        {
            if (counts.TryGetValue(t, out long c)) counts[t] = c + 1;
            else { counts[t] = 1; order.Add(t); }
        }
        var rest = order.Skip(1).Where(w => counts[w] >= minCount).OrderByDescending(w => counts[w]); // LINQ's sort is stable
        return [(Tokenization.SentenceEnd, counts[Tokenization.SentenceEnd]), .. rest.Select(w => (w, counts[w]))];
    }
}
