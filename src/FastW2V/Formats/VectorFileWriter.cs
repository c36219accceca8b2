using FastW2V.Storage;
using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using FastW2V.Kernels;

namespace FastW2V.Formats;

/// <summary>Returns the UTF-8 bytes of the word in a given row.</summary>
public delegate ReadOnlySpan<byte> WordAt(int row);

/// <summary>
/// Writes word2vec.c's vector formats, atomically. Text: a "V D" line, then "word v1 ... vD" per
/// line (shortest round-trip floats, so reading the text back gives the same float32 values).
/// Binary: "V D\n", then per word its bytes, a space, D little-endian float32 and a newline.
/// </summary>
public static unsafe class VectorFileWriter
{
    /// <summary>Writes the vectors atomically in word2vec's binary or text format ("-": standard output).</summary>
    public static void Write(string path, WordVectors vectors, bool binary) =>
        Write(path, vectors.Count, row => vectors.Words[row], vectors.Vectors, binary);

    /// <summary>Writes the first <paramref name="rows"/> rows of a matrix, with the words <paramref name="word"/>
    /// gives.</summary>
    public static void Write(string path, int rows, WordAt word, EmbeddingMatrix matrix, bool binary)
    {
        AtomicFile.Write(path, stream =>
        {
            WriteAscii(stream, $"{rows} {matrix.Dimension}\n");
            if (binary) WriteBinary(stream, rows, word, matrix);
            else WriteText(stream, rows, word, matrix);
        });
    }

    private static void WriteBinary(Stream stream, int rows, WordAt word, EmbeddingMatrix matrix)
    {
        int d = matrix.Dimension;
        byte[] line = new byte[4 * d + 1];
        for (int r = 0; r < rows; r++)
        {
            stream.Write(word(r));
            stream.WriteByte((byte)' ');
            float* v = matrix.Row(r);
            for (int j = 0; j < d; j++) BinaryPrimitives.WriteSingleLittleEndian(line.AsSpan(4 * j), v[j]);
            line[^1] = (byte)'\n';
            stream.Write(line);
        }
    }

    /// <summary>
    /// Shortest round-trip formatting of a float costs far more than writing its bytes, so chunks of rows
    /// are formatted on all cores, a bounded wave at a time, and written in order.
    /// </summary>
    private static void WriteText(Stream stream, int rows, WordAt word, EmbeddingMatrix matrix)
    {
        const int ChunkRows = 512;
        int chunks = (rows + ChunkRows - 1) / ChunkRows;
        int wave = Math.Max(1, Environment.ProcessorCount * 2);
        var buffers = new ArrayBufferWriter<byte>[wave];
        for (int i = 0; i < wave; i++) buffers[i] = new ArrayBufferWriter<byte>(1 << 16);
        for (int first = 0; first < chunks; first += wave)
        {
            int count = Math.Min(wave, chunks - first);
            // Words are copied out first: the WordAt delegate need not be thread-safe.
            var words = new byte[count * ChunkRows][];
            for (int r = first * ChunkRows, k = 0; r < Math.Min(rows, (first + count) * ChunkRows); r++, k++)
                words[k] = word(r).ToArray();
            Parallel.For(0, count, c =>
            {
                var buffer = buffers[c];
                buffer.ResetWrittenCount();
                int start = (first + c) * ChunkRows, end = Math.Min(rows, start + ChunkRows);
                for (int r = start; r < end; r++)
                    FormatRow(buffer, words[r - first * ChunkRows], matrix.Row(r), matrix.Dimension);
            });
            for (int c = 0; c < count; c++) stream.Write(buffers[c].WrittenSpan);
        }
    }

    private static void FormatRow(ArrayBufferWriter<byte> buffer, byte[] word, float* v, int d)
    {
        var span = buffer.GetSpan(word.Length + 16 * d + 2);
        word.CopyTo(span);
        int n = word.Length;
        for (int j = 0; j < d; j++)
        {
            span[n++] = (byte)' ';
            v[j].TryFormat(span[n..], out int written, default, CultureInfo.InvariantCulture);
            n += written;
        }
        span[n++] = (byte)'\n';
        buffer.Advance(n);
    }

    private static void WriteAscii(Stream stream, string text)
    {
        foreach (char c in text) stream.WriteByte((byte)c);
    }
}
