using System.Globalization;
using System.Text;
using FastW2V.Formats;

namespace FastW2V.Visualization;

/// <summary>
/// The TensorBoard projector's files (projector.tensorflow.org, "Load"): vectors.tsv, one vector per line,
/// tab-separated; metadata.tsv, one word per line in the same order.
/// </summary>
public static unsafe class ProjectorExport
{
    /// <summary>
    /// Refuses, before any work, a folder that cannot be one: "-" (two files cannot share standard output) or
    /// an empty path.
    /// </summary>
    public static void CheckFolder(string folder)
    {
        if (StandardStreams.IsStandard(folder))
            throw new FastW2VException("The projector export is two files (vectors.tsv and metadata.tsv): "
                + "standard output (-) cannot hold them; give a folder.");
        if (string.IsNullOrEmpty(folder)) throw new FastW2VException("The projector folder path is empty.");
    }

    /// <summary>Writes vectors.tsv and metadata.tsv into <paramref name="folder"/> (created if needed); <paramref
    /// name="limit"/> &gt; 0: the most frequent words only.</summary>
    /// <exception cref="FastW2VException">A negative limit, or an output that cannot be written (then neither
    /// file is changed: the two are written as one set).</exception>
    public static void Write(WordVectors vectors, string folder, int limit = 0)
    {
        if (limit < 0) throw new FastW2VException($"The limit must be 0 (every word) or more (got {limit}).");
        CheckFolder(folder);
        Directory.CreateDirectory(folder);
        int rows = limit > 0 ? Math.Min(limit, vectors.Count) : vectors.Count;
        AtomicFile.WriteAll([(Path.Combine(folder, "vectors.tsv"), stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 20, leaveOpen: true);
            for (int r = 0; r < rows; r++)
            {
                float* v = vectors.Vectors.Row(r);
                for (int j = 0; j < vectors.Dimension; j++)
                {
                    if (j > 0) writer.Write('\t');
                    writer.Write(v[j].ToString("R", CultureInfo.InvariantCulture));
                }
                writer.Write('\n');
            }
        }, "projector vectors file"), (Path.Combine(folder, "metadata.tsv"), stream =>
        {
            for (int r = 0; r < rows; r++)
            {
                WriteLabel(stream, vectors.Words[r]);
                stream.WriteByte((byte)'\n');
            }
        }, "projector metadata file")]);
    }

    /// <summary>A word as one metadata line: a tab, newline or carriage return in it written as \t, \n or \r,
    /// so that every vector has exactly one line (labels are for display; other bytes are written as they
    /// are).</summary>
    private static void WriteLabel(Stream stream, byte[] word)
    {
        if (word.AsSpan().IndexOfAny("\t\n\r"u8) < 0)
        {
            stream.Write(word);
            return;
        }
        foreach (byte b in word)
        {
            if (b is not ((byte)'\t' or (byte)'\n' or (byte)'\r')) { stream.WriteByte(b); continue; }
            stream.WriteByte((byte)'\\');
            stream.WriteByte(b switch
            {
                (byte)'\t' => (byte)'t', (byte)'\n' => (byte)'n', _ => (byte)'r',
            });
        }
    }
}
