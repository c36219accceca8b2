using System.Globalization;

namespace FastW2V.Formats;

/// <summary>word2vec.c's -classes output: "word class" per line, in vocabulary (file) order, written
/// atomically.</summary>
public static class ClassFileWriter
{
    /// <summary>Writes "word class" lines in vocabulary order.</summary>
    public static void Write(string path, int rows, WordAt word, int[] classes)
    {
        AtomicFile.Write(path, stream =>
        {
            var buffered = new BufferedStream(stream, 1 << 20); // flushed, not disposed: AtomicFile closes the file
            Span<byte> number = stackalloc byte[16];
            for (int r = 0; r < rows; r++)
            {
                buffered.Write(word(r));
                buffered.WriteByte((byte)' ');
                classes[r].TryFormat(number, out int written, default, CultureInfo.InvariantCulture);
                buffered.Write(number[..written]);
                buffered.WriteByte((byte)'\n');
            }
            buffered.Flush();
        }, "classes file");
    }
}
