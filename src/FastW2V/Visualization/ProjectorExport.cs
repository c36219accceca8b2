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
    public static void Write(WordVectors vectors, string folder, int limit = 0)
    {
        CheckFolder(folder);
        Directory.CreateDirectory(folder);
        int rows = limit > 0 ? Math.Min(limit, vectors.Count) : vectors.Count;
        AtomicFile.Write(Path.Combine(folder, "vectors.tsv"), stream =>
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
        }, "projector vectors file");
        AtomicFile.Write(Path.Combine(folder, "metadata.tsv"), stream =>
        {
            for (int r = 0; r < rows; r++)
            {
                stream.Write(vectors.Words[r]);
                stream.WriteByte((byte)'\n');
            }
        }, "projector metadata file");
    }
}
