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
    public static void Write(string path, WordVectors vectors, bool binary) =>
        Write(path, vectors.Count, row => vectors.Words[row], vectors.Vectors, binary);

    public static void Write(string path, int rows, WordAt word, EmbeddingMatrix matrix, bool binary)
    {
        AtomicFile.Write(path, stream =>
        {
            WriteAscii(stream, $"{rows} {matrix.Dimension}\n");
            int d = matrix.Dimension;
            byte[] line = new byte[(binary ? 4 : 16) * d + 16];
            for (int r = 0; r < rows; r++)
            {
                stream.Write(word(r));
                stream.WriteByte((byte)' ');
                float* v = matrix.Row(r);
                int n = 0;
                if (binary)
                {
                    for (int j = 0; j < d; j++, n += 4) BinaryPrimitives.WriteSingleLittleEndian(line.AsSpan(n), v[j]);
                }
                else
                {
                    for (int j = 0; j < d; j++)
                    {
                        if (j > 0) line[n++] = (byte)' ';
                        v[j].TryFormat(line.AsSpan(n), out int written, default, CultureInfo.InvariantCulture);
                        n += written;
                    }
                }
                line[n++] = (byte)'\n';
                stream.Write(line, 0, n);
            }
        });
    }

    private static void WriteAscii(Stream stream, string text)
    {
        foreach (char c in text) stream.WriteByte((byte)c);
    }
}
