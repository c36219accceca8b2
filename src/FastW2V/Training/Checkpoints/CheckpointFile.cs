using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using FastW2V.Formats;
using FastW2V.Storage;
using FastW2V.Vocabularies;

namespace FastW2V.Training;

/// <summary>
/// A training checkpoint: the command that started the run, the corpus files it read (path, size, time),
/// the vocabulary, the training state (<see cref="TrainingState"/>) and the model's matrices, in one binary
/// file written atomically (a crash while writing leaves the previous checkpoint). After the magic bytes and
/// the format version come six sections — header, vocabulary, state, and the input, output and tree
/// matrices — each as its length, its payload and the XxHash64 of both (<see cref="CheckpointWriter"/>): a
/// damaged byte is refused with the name of its section, and the fields of a section are range-checked
/// as well (<see cref="CheckpointLayout"/>). The model comes last, so <see cref="Read"/> loads everything
/// else and <see cref="LoadModel"/> reads the matrices into a new model in place.
/// </summary>
internal sealed class CheckpointFile
{
    internal static ReadOnlySpan<byte> Magic => "FW2VCKPT"u8;
    /// <summary>2: checksummed sections and a list of corpus files (1 had neither).</summary>
    internal const int Version = 2;
    internal static readonly string[] MatrixNames = ["input matrix", "output matrix", "tree matrix"];

    public required string[] Arguments { get; init; }
    public required string WorkingDirectory { get; init; }
    /// <summary>The corpus files in reading order (today one).</summary>
    public required IReadOnlyList<CorpusFileIdentity> Corpus { get; init; }
    public required Vocabulary Vocabulary { get; init; }
    public required TrainingState State { get; init; }
    /// <summary>Tokens of the encoded corpus: a resumed run must encode the same stream (its offsets index
    /// it).</summary>
    public required long TokenCount { get; init; }
    public string Path { get; private init; } = "";
    private CheckpointMatrix[] _matrices = [];

    /// <summary>Writes a checkpoint; any failure is one line naming it (the previous file is left as it was).</summary>
    public static void Write(string path, CheckpointFile header, TrainingState state, WordVectorModel model)
    {
        if (path == AtomicFile.StandardOutput)
            throw new FastW2VException("A checkpoint must be a file ('-' is standard output, which cannot be resumed "
                + "from).");
        try { AtomicFile.Write(path, stream => CheckpointWriter.Write(stream, header, state, model), "checkpoint"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FastW2VException($"Cannot write the checkpoint '{path}': {e.Message}");
        }
    }

    /// <summary>Reads and checks everything but the matrices (which are only measured).</summary>
    public static CheckpointFile Read(string path)
    {
        using var stream = Open(path, bufferSize: 1 << 12); // the sections are read whole: little to buffer
        try
        {
            var reader = new CheckpointReader(stream, path);
            reader.Preamble();
            var (arguments, folder, corpus, tokens) = CheckpointLayout.ReadHeader(reader.Section("header"));
            var vocabulary = CheckpointLayout.ReadVocabulary(reader.Section("vocabulary"));
            var state = CheckpointLayout.ReadState(reader.Section("state"), path, tokens, vocabulary.Count);
            var matrices = MatrixNames.Select(reader.Matrix).ToArray();
            reader.End();
            CheckShapes(reader, matrices, vocabulary.Count);
            return new CheckpointFile
            {
                Arguments = arguments, WorkingDirectory = folder, Corpus = corpus, Vocabulary = vocabulary,
                State = state, TokenCount = tokens, Path = System.IO.Path.GetFullPath(path), _matrices = matrices,
            };
        }
        catch (EndOfStreamException) { throw new FastW2VException($"The checkpoint '{path}' is truncated."); }
        catch (IOException e) { throw new FastW2VException($"Cannot read the checkpoint '{path}': {e.Message}"); }
    }

    /// <summary>The input matrix has a row per word, the output matrix one or none, the tree one per inner node
    /// or none; all of one width.</summary>
    private static void CheckShapes(CheckpointReader reader, CheckpointMatrix[] m, int words)
    {
        int[][] rows = [[words], [0, words], [0, words - 1]];
        for (int i = 0; i < m.Length; i++)
        {
            if (!rows[i].Contains(m[i].Rows))
                throw reader.Damaged(m[i].Name, $"has {m[i].Rows:N0} rows for a vocabulary of {words:N0} words");
            if (m[i].Columns != m[0].Columns || m[i].Columns is < 1 or > 10_000)
                throw reader.Damaged(m[i].Name, $"has {m[i].Columns:N0} columns");
        }
    }

    /// <summary>The bytes of a matrix section's payload (its shape, then its rows), or -1 past any file.</summary>
    public static long MatrixSectionLength(int rows, int columns)
    {
        long cells = (long)rows * columns;
        return cells > (long.MaxValue - 8) / sizeof(float) ? -1 : 8 + cells * sizeof(float);
    }

    internal static EmbeddingMatrix[] Matrices(WordVectorModel model) => [model.Input, model.Output, model.Tree];

    /// <summary>Fills a model of the checkpoint's shape with its matrices, each verified against its checksum and
    /// refused if a value is not finite.</summary>
    public void LoadModel(WordVectorModel model)
    {
        var matrices = Matrices(model);
        using var stream = Open(Path, bufferSize: 1 << 20); // row by row
        try
        {
            for (int i = 0; i < matrices.Length; i++) LoadMatrix(stream, _matrices[i], matrices[i]);
        }
        catch (EndOfStreamException) { throw new FastW2VException($"The checkpoint '{Path}' is truncated."); }
        catch (IOException e) { throw new FastW2VException($"Cannot read the checkpoint '{Path}': {e.Message}"); }
    }

    private void LoadMatrix(FileStream stream, CheckpointMatrix section, EmbeddingMatrix m)
    {
        if (section.Rows != m.Rows || section.Columns != m.Dimension)
            throw new FastW2VException($"The checkpoint '{Path}' holds a {section.Rows} × {section.Columns} "
                + $"{section.Name}, the model {m.Rows} × {m.Dimension}: it was written with other options.");
        stream.Position = section.Offset;
        Span<byte> head = stackalloc byte[16];
        stream.ReadExactly(head);
        if (BinaryPrimitives.ReadInt64LittleEndian(head) != MatrixSectionLength(m.Rows, m.Dimension)
            || BinaryPrimitives.ReadInt32LittleEndian(head[8..]) != m.Rows
            || BinaryPrimitives.ReadInt32LittleEndian(head[12..]) != m.Dimension)
            throw Damaged(section, "changed since it was read");
        var hash = new XxHash64();
        hash.Append(head);
        for (int row = 0; row < m.Rows; row++)
        {
            var bytes = MemoryMarshal.AsBytes(m.RowSpan(row));
            stream.ReadExactly(bytes);
            hash.Append(bytes);
        }
        Span<byte> stored = stackalloc byte[8];
        stream.ReadExactly(stored);
        if (BinaryPrimitives.ReadUInt64LittleEndian(stored) != hash.GetCurrentHashAsUInt64())
            throw Damaged(section, "fails its checksum");
        // (after the checksum: a damaged byte is named as damage, not as a strange value)
        for (int row = 0; row < m.Rows; row++)
            if (!AllFinite(m.RowSpan(row))) throw Damaged(section, $"holds a value that is not finite in row {row}");
    }

    private static bool AllFinite(ReadOnlySpan<float> values)
    {
        foreach (float x in values)
            if (!float.IsFinite(x)) return false;
        return true;
    }

    private FastW2VException Damaged(CheckpointMatrix section, string detail) =>
        new($"The checkpoint '{Path}' is damaged: its {section.Name} section {detail}.");

    /// <summary>Opens a checkpoint for reading; what is not a readable file is one line saying what it is.</summary>
    private static FileStream Open(string path, int bufferSize)
    {
        var kind = FileKinds.Of(path);
        if (kind == FileKind.Directory)
            throw new FastW2VException($"The checkpoint '{path}' is a directory: give the checkpoint file.");
        if (kind == FileKind.Missing) throw new FastW2VException($"The checkpoint '{path}' does not exist.");
        if (kind != FileKind.Regular)
            throw new FastW2VException($"The checkpoint '{path}' is not a regular file (a checkpoint is read "
                + "twice: a pipe or device cannot be).");
        try { return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize); }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new FastW2VException($"The checkpoint '{path}' does not exist.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FastW2VException($"Cannot read the checkpoint '{path}': {e.Message}");
        }
    }
}
