using FastW2V.Storage;
using FastW2V.Vocabularies;
using System.Runtime.InteropServices;
using FastW2V.Formats;
using FastW2V.Kernels;

namespace FastW2V.Training;

/// <summary>
/// A training checkpoint: the command that started the run, the corpus it read (path, size, time), the
/// vocabulary, the training state (<see cref="TrainingState"/>) and the model's matrices, in one binary
/// file written atomically (a crash while writing leaves the previous checkpoint). The model comes last,
/// so <see cref="Read"/> loads everything else and <see cref="LoadModel"/> reads the matrices into a new
/// model in place.
/// </summary>
internal sealed class CheckpointFile
{
    private static ReadOnlySpan<byte> Magic => "FW2VCKPT"u8;
    private const int Version = 1;

    public required string[] Arguments { get; init; }
    public required string WorkingDirectory { get; init; }
    public required string CorpusPath { get; init; }
    public required long CorpusLength { get; init; }
    public required DateTime CorpusModified { get; init; }
    public required Vocabulary Vocabulary { get; init; }
    public required TrainingState State { get; init; }
    /// <summary>Tokens of the encoded corpus: a resumed run must encode the same stream (its offsets index
    /// it).</summary>
    public required long TokenCount { get; init; }
    public string Path { get; private init; } = "";
    private long _modelOffset;

    public static void Write(string path, CheckpointFile header, TrainingState state, WordVectorModel model) =>
        AtomicFile.Write(path, stream =>
        {
            using var w =
                new BinaryWriter(new BufferedStream(stream, 1 << 20), System.Text.Encoding.UTF8, leaveOpen: true);
            w.Write(Magic);
            w.Write(Version);
            w.Write(header.Arguments.Length);
            foreach (var a in header.Arguments) w.Write(a);
            w.Write(header.WorkingDirectory);
            w.Write(header.CorpusPath);
            w.Write(header.CorpusLength);
            w.Write(header.CorpusModified.Ticks);
            w.Write(header.TokenCount);
            var v = header.Vocabulary;
            w.Write(v.Count);
            w.Write(v.CorpusTokens);
            w.Write(v.DistinctWords);
            w.Write(v.PruneRounds);
            for (int i = 0; i < v.Count; i++)
            {
                var bytes = v.GetWordBytes(i);
                w.Write(bytes.Length);
                w.Write(bytes);
                w.Write(v.GetCount(i));
            }
            w.Write(state.WordsDone);
            w.Write(state.Workers.Length);
            foreach (var p in state.Workers) WritePosition(w, p);
            w.Write(model.Words);
            w.Write(model.Dimension);
            foreach (var m in Matrices(model)) WriteMatrix(w, m);
        });

    public static CheckpointFile Read(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
            using var r = new BinaryReader(stream, System.Text.Encoding.UTF8);
            if (!r.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
                throw new FastW2VException($"'{path}' is not an fw2v checkpoint.");
            if (r.ReadInt32() != Version)
                throw new FastW2VException($"'{path}' is a checkpoint of another fw2v version.");
            var args = new string[r.ReadInt32()];
            for (int i = 0; i < args.Length; i++) args[i] = r.ReadString();
            string cwd = r.ReadString(), corpus = r.ReadString();
            long length = r.ReadInt64();
            var modified = new DateTime(r.ReadInt64(), DateTimeKind.Utc);
            long tokenCount = r.ReadInt64();
            int count = r.ReadInt32();
            long corpusTokens = r.ReadInt64(), distinct = r.ReadInt64();
            int prunes = r.ReadInt32();
            var words = new List<(byte[], long)>(count);
            for (int i = 0; i < count; i++) words.Add((r.ReadBytes(r.ReadInt32()), r.ReadInt64()));
            var vocabulary = Vocabulary.FromOrderedBytes(words, corpusTokens, distinct, prunes);
            long wordsDone = r.ReadInt64();
            var workers = new WorkerPosition[r.ReadInt32()];
            for (int i = 0; i < workers.Length; i++) workers[i] = ReadPosition(r);
            return new CheckpointFile
            {
                Arguments = args, WorkingDirectory = cwd, CorpusPath = corpus,
                CorpusLength = length, CorpusModified = modified,
                Vocabulary = vocabulary, State = new TrainingState { WordsDone = wordsDone, Workers = workers },
                Path = System.IO.Path.GetFullPath(path), _modelOffset = stream.Position, TokenCount = tokenCount,
            };
        }
        catch (EndOfStreamException) { throw new FastW2VException($"The checkpoint '{path}' is truncated."); }
        catch (FileNotFoundException) { throw new FastW2VException($"The checkpoint '{path}' does not exist."); }
    }

    /// <summary>Fills a model of the checkpoint's shape with its matrices.</summary>
    public void LoadModel(WordVectorModel model)
    {
        using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        stream.Position = _modelOffset;
        using var r = new BinaryReader(stream);
        int words = r.ReadInt32(), dimension = r.ReadInt32();
        if (words != model.Words || dimension != model.Dimension)
            throw new FastW2VException($"The checkpoint '{Path}' holds a {words} × {dimension} model, not " +
                $"{model.Words} × {model.Dimension}.");
        try { foreach (var m in Matrices(model)) ReadMatrix(r, m); }
        catch (EndOfStreamException) { throw new FastW2VException($"The checkpoint '{Path}' is truncated."); }
    }

    private static EmbeddingMatrix[] Matrices(WordVectorModel model) => [model.Input, model.Output, model.Tree];

    private static unsafe void WriteMatrix(BinaryWriter w, EmbeddingMatrix m)
    {
        w.Write(m.Rows);
        for (int row = 0; row < m.Rows; row++) w.Write(MemoryMarshal.AsBytes(m.RowSpan(row)));
    }

    private static unsafe void ReadMatrix(BinaryReader r, EmbeddingMatrix m)
    {
        int rows = r.ReadInt32();
        if (rows != m.Rows)
            throw new FastW2VException($"The checkpoint's matrix has {rows} rows, the model {m.Rows}: " +
                "it was written with other options.");
        for (int row = 0; row < rows; row++)
            if (r.Read(MemoryMarshal.AsBytes(m.RowSpan(row))) != m.Dimension * sizeof(float))
                throw new EndOfStreamException();
    }

    private static void WritePosition(BinaryWriter w, WorkerPosition p)
    {
        w.Write(p.Epoch); w.Write(p.Offset); w.Write(p.Words); w.Write(p.Reported); w.Write(p.Alpha);
        w.Write(p.Rng); w.Write(p.NegativeRng); w.Write(p.NegativeNext);
        w.Write(MemoryMarshal.AsBytes(p.Negatives.AsSpan()));
        w.Write(p.LossSum); w.Write(p.LossCount);
    }

    private static WorkerPosition ReadPosition(BinaryReader r)
    {
        var p = new WorkerPosition
        {
            Epoch = r.ReadInt32(), Offset = r.ReadInt64(), Words = r.ReadInt64(), Reported = r.ReadInt64(),
            Alpha = r.ReadSingle(),
            Rng = r.ReadUInt64(), NegativeRng = r.ReadUInt64(), NegativeNext = r.ReadInt32(),
        };
        if (r.Read(MemoryMarshal.AsBytes(p.Negatives.AsSpan())) != p.Negatives.Length * sizeof(int))
            throw new EndOfStreamException();
        p.LossSum = r.ReadDouble();
        p.LossCount = r.ReadInt64();
        return p;
    }
}
