using FastW2V.Storage;
using System.Text;
using FastW2V.Kernels;

namespace FastW2V.Formats;

/// <summary>Words (UTF-8 bytes, in file order) and their vectors, as read from or written to a file.</summary>
public sealed class WordVectors : IDisposable
{
    private Dictionary<string, int>? _index;

    /// <summary>The words' UTF-8 bytes, in file (frequency) order.</summary>
    public IReadOnlyList<byte[]> Words { get; }
    /// <summary>One row per word.</summary>
    public EmbeddingMatrix Vectors { get; }
    /// <summary>The number of words.</summary>
    public int Count => Words.Count;
    /// <summary>The vectors' dimension.</summary>
    public int Dimension => Vectors.Dimension;

    private readonly bool _ownsVectors;

    /// <param name="ownsVectors">false: a view of a matrix someone else disposes (a model during training).</param>
    public WordVectors(IReadOnlyList<byte[]> words, EmbeddingMatrix vectors, bool ownsVectors = true)
    {
        _ownsVectors = ownsVectors;
        if (words.Count != vectors.Rows) throw new ArgumentException("One vector per word is needed.");
        Words = words;
        Vectors = vectors;
    }

    /// <summary>The word of a row, as a string.</summary>
    public string GetWord(int index) => Encoding.UTF8.GetString(Words[index]);

    /// <summary>Index of the word (first occurrence), or -1.</summary>
    public int Find(string word)
    {
        _index ??= BuildIndex();
        return _index.TryGetValue(word, out int i) ? i : -1;
    }

    private Dictionary<string, int> BuildIndex()
    {
        var index = new Dictionary<string, int>(Count, StringComparer.Ordinal);
        for (int i = 0; i < Count; i++) index.TryAdd(GetWord(i), i);
        return index;
    }

    /// <summary>Frees the vectors (unless they are a view of a model).</summary>
    public void Dispose()
    {
        if (_ownsVectors) Vectors.Dispose();
    }
}
