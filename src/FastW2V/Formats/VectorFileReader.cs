using FastW2V.Storage;
using FastW2V.Corpus;

namespace FastW2V.Formats;

/// <summary>
/// Reads word2vec text and binary vector files, as written by word2vec.c, gensim, fastText (.vec) and
/// FastW2V. The format is detected from the bytes after the first word: text holds only number
/// characters there, binary float32 data almost never does. Every defect (a lying header, a
/// truncated file, a short line) is reported with its place in the file.
/// </summary>
public static unsafe partial class VectorFileReader
{
    /// <summary>Reads word2vec's text or binary format (detected unless <paramref name="binary"/> says), and gensim's
    /// and fastText's .vec; bad files are a one-line <see cref="FastW2VException"/>.</summary>
    /// <param name="path">The file, or "-" for standard input (read whole into memory first).</param>
    /// <param name="binary">The format, when it must not be detected.</param>
    public static WordVectors Read(string path, bool? binary = null)
    {
        if (StandardStreams.IsStandard(path))
        {
            string name = StandardStreams.Describe(path);
            using var input = StandardStreams.OpenInput();
            using var buffer = InputBuffer.ReadAll(input, name);
            return Parse(buffer.Pointer, buffer.Length, name, binary);
        }
        FileInput.CheckReadable(path, "vector file");
        using var file = new MappedFile(path);
        return Parse(file.Pointer, file.Length, path, binary);
    }

    private static WordVectors Parse(byte* p, long length, string path, bool? binary)
    {
        var data = new Reader(p, length, path);
        var (rows, dim) = data.Header();
        bool isBinary = binary ?? data.LooksBinary(dim);
        data.CheckHeaderFits(rows, dim, isBinary);
        var words = new List<byte[]>(rows);
        var matrix = new EmbeddingMatrix(rows, dim);
        try
        {
            for (int r = 0; r < rows; r++)
            {
                if (isBinary) data.BinaryRow(r, rows, matrix.Row(r), dim, words);
                else data.TextRow(r, rows, matrix.Row(r), dim, words);
            }
            data.ExpectEnd(rows);
            CheckDistinct(words, path);
        }
        catch
        {
            matrix.Dispose();
            throw;
        }
        return new WordVectors(words, matrix);
    }

    /// <summary>A word given two vectors makes every lookup of it ambiguous: refused, naming both.</summary>
    private static void CheckDistinct(List<byte[]> words, string path)
    {
        var first = new Dictionary<byte[], int>(words.Count, BytesComparer.Instance);
        for (int i = 0; i < words.Count; i++)
            if (!first.TryAdd(words[i], i))
                throw new FastW2VException($"{path}: vector {i + 1} repeats the word " +
                    $"'{System.Text.Encoding.UTF8.GetString(words[i])}' of vector {first[words[i]] + 1}.");
    }

    private sealed class BytesComparer : IEqualityComparer<byte[]>
    {
        public static readonly BytesComparer Instance = new();
        public bool Equals(byte[]? a, byte[]? b) => a.AsSpan().SequenceEqual(b);
        public int GetHashCode(byte[] bytes)
        {
            var hash = new HashCode();
            hash.AddBytes(bytes);
            return hash.ToHashCode();
        }
    }
}
