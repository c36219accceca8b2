using FastW2V.Formats;

namespace FastW2V.Evaluation;

/// <summary>
/// Case-insensitive lookup over the first <c>rows</c> words of a vector file, as compute-accuracy does
/// (it upper-cases both sides): when two spellings fold to the same key, the first (most frequent) wins.
/// </summary>
internal sealed class VocabularyIndex
{
    private readonly Dictionary<string, int> _index;
    private readonly string[] _folded;

    public int Rows => _folded.Length;

    public VocabularyIndex(WordVectors vectors, int rows)
    {
        _folded = new string[rows];
        _index = new Dictionary<string, int>(rows, StringComparer.Ordinal);
        for (int i = 0; i < rows; i++)
        {
            _folded[i] = Fold(vectors.GetWord(i));
            _index.TryAdd(_folded[i], i);
        }
    }

    public static string Fold(string word) => word.ToUpperInvariant();

    /// <summary>The row of the word (any case), or −1.</summary>
    public int Find(string word) => _index.TryGetValue(Fold(word), out int i) ? i : -1;

    /// <summary>The folded spelling of a row (what compute-accuracy compares).</summary>
    public string Folded(int row) => _folded[row];
}
