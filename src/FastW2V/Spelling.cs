namespace FastW2V;

/// <summary>
/// "Did you mean …?": the closest of some known names to a mistyped one, by edit distance, so that every
/// shell over the library (the CLI's commands and options, word lookups) suggests the same way.
/// </summary>
public static class Spelling
{
    /// <summary>
    /// Edits that turn <paramref name="a"/> into <paramref name="b"/>: insertions, deletions, substitutions
    /// and swaps of two neighbours (optimal string alignment), so "trian" is one edit from "train".
    /// </summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }

    /// <summary>
    /// The candidate nearest to <paramref name="word"/>, when it is at most <paramref name="maxDistance"/>
    /// edits away and no more than half the word's length (a short word is a few edits from everything,
    /// which suggests nothing); the first in order among equals; null when none is that close.
    /// </summary>
    public static string? Closest(string word, IEnumerable<string> candidates, int maxDistance = 2)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string candidate in candidates)
        {
            if (candidate == word) continue;
            int distance = Distance(word, candidate);
            if (distance < bestDistance) (best, bestDistance) = (candidate, distance);
        }
        int limit = Math.Min(maxDistance, word.Length / 2);
        return bestDistance <= limit ? best : null;
    }
}
