using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using FastW2V.Evaluation;
using FastW2V.Formats;
using FastW2V.Training;
using FastW2V.Vocabularies;
using Architecture = FastW2V.Training.Architecture;

namespace FastW2V.Native;

/// <summary>
/// The C ABI (include/fastw2v.h). Every function returns a status (0 ok, 1 failed: fw2v_last_error says
/// why, 2 a word not in the vocabulary) and never lets an exception cross into C. Vectors are handles
/// (a GCHandle to <see cref="Handle"/>), freed with fw2v_free.
/// </summary>
public static unsafe class Exports
{
    private const int Ok = 0, Failed = 1, NotFound = 2;

    /// <summary>A vector set with what queries need: its neighbour index and its words as C strings.</summary>
    private sealed class Handle(WordVectors vectors) : IDisposable
    {
        public WordVectors Vectors { get; } = vectors;
        private NearestNeighbours? _neighbours;
        private nint[]? _words;
        public NearestNeighbours Neighbours => _neighbours ??= new NearestNeighbours(Vectors);

        /// <summary>
        /// The word's NUL-terminated UTF-8 bytes in native memory (made once per word, freed with the handle).
        /// </summary>
        public nint Word(int index)
        {
            _words ??= new nint[Vectors.Count];
            if (_words[index] == 0)
            {
                var bytes = Vectors.Words[index];
                byte* p = (byte*)NativeMemory.Alloc((nuint)bytes.Length + 1);
                bytes.CopyTo(new Span<byte>(p, bytes.Length));
                p[bytes.Length] = 0;
                _words[index] = (nint)p;
            }
            return _words[index];
        }

        public void Dispose()
        {
            _neighbours?.Dispose();
            Vectors.Dispose();
            if (_words != null) foreach (nint p in _words) if (p != 0) NativeMemory.Free((void*)p);
        }
    }

    [ThreadStatic] private static nint _lastError;

    private static int Fail(Exception e)
    {
        while (e is AggregateException { InnerExceptions.Count: 1 } a) e = a.InnerExceptions[0];
        string message =
            e is FastW2VException or IOException or UnauthorizedAccessException or OperationCanceledException
            ? e.Message : $"internal error ({e.GetType().Name}): {e.Message}";
        if (e is OperationCanceledException) message = "cancelled by the progress callback";
        SetError(message);
        return Failed;
    }

    private static void SetError(string? message)
    {
        if (_lastError != 0) NativeMemory.Free((void*)_lastError);
        _lastError = 0;
        if (message == null) return;
        byte[] bytes = Encoding.UTF8.GetBytes(message);
        byte* p = (byte*)NativeMemory.Alloc((nuint)bytes.Length + 1);
        bytes.CopyTo(new Span<byte>(p, bytes.Length));
        p[bytes.Length] = 0;
        _lastError = (nint)p;
    }

    private static string Text(byte* utf8) =>
        utf8 == null
            ? throw new FastW2VException("A string argument is NULL.")
            : Marshal.PtrToStringUTF8((nint)utf8)!;

    private static Handle Get(nint handle) =>
        handle == 0
            ? throw new FastW2VException("The vectors handle is NULL.")
            : (Handle)GCHandle.FromIntPtr(handle).Target!;

    private static nint New(WordVectors vectors) => GCHandle.ToIntPtr(GCHandle.Alloc(new Handle(vectors)));

    [UnmanagedCallersOnly(EntryPoint = "fw2v_last_error")]
    public static byte* LastError() => (byte*)_lastError;

    [UnmanagedCallersOnly(EntryPoint = "fw2v_default_options")]
    public static void DefaultOptions(NativeOptions* options)
    {
        if (options != null) *options = Defaults();
    }

    /// <summary>
    /// Trains on a text file; progress(fraction, loss, user) is called about every 200 ms and cancels by
    /// returning non-zero.
    /// </summary>
    [UnmanagedCallersOnly(EntryPoint = "fw2v_train")]
    public static int Train(
        byte* corpusPath, NativeOptions* options, delegate* unmanaged<double, double, void*, int> progress,
        void* user, nint* vectors)
    {
        try { return TrainCore(corpusPath, options, progress, user, vectors); }
        catch (Exception e) { return Fail(e); }
    }

    /// <summary>
    /// fw2v train's defaults (CBOW, d100, window 5, 5 negatives, 5 epochs, min-count 5, sample 1e-3, every core).
    /// </summary>
    private static NativeOptions Defaults()
    {
        var t = new TrainingOptions();
        return new NativeOptions
        {
            Cbow = 1, Size = t.Dimension, Window = t.Window, Negative = t.Negative, Iter = t.Iterations,
            MinCount = (int)new VocabularyOptions().MinCount, Threads = Environment.ProcessorCount,
            Sample = (float)t.Sample, Seed = t.Seed,
        };
    }

    /// <summary>
    /// Trains on text the caller streams: read(buffer, capacity, user) returns the bytes it put there, 0 at the end,
    /// -1 on error.
    /// </summary>
    [UnmanagedCallersOnly(EntryPoint = "fw2v_train_stream")]
    public static int TrainStream(
        delegate* unmanaged<byte*, long, void*, long> read, void* readUser, NativeOptions* options,
        delegate* unmanaged<double, double, void*, int> progress, void* user, nint* vectors)
    {
        string? spooled = null;
        try
        {
            if (read == null) throw new FastW2VException("The read callback is NULL.");
            spooled = Path.Combine(Path.GetTempPath(), $"fw2v-stream-{Environment.ProcessId}-{Guid.NewGuid():N}.txt");
            using (var file = new FileStream(spooled, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
            {
                var buffer = new byte[1 << 20];
                fixed (byte* b = buffer)
                    while (true)
                    {
                        long n = read(b, buffer.Length, readUser);
                        if (n < 0) throw new FastW2VException("The read callback reported an error.");
                        if (n == 0) break;
                        file.Write(buffer, 0, (int)Math.Min(n, buffer.Length));
                    }
            }
            fixed (byte* path = Encoding.UTF8.GetBytes(spooled + "\0"))
                return TrainCore(path, options, progress, user, vectors);
        }
        catch (Exception e) { return Fail(e); }
        finally { if (spooled != null) try { File.Delete(spooled); } catch (IOException) { } }
    }

    /// <summary>fw2v_train's body (an UnmanagedCallersOnly method cannot be called from managed code).</summary>
    private static int TrainCore(
        byte* path, NativeOptions* options, delegate* unmanaged<double, double, void*, int> progress, void* user,
        nint* vectors)
    {
        if (vectors == null) throw new FastW2VException("The result pointer is NULL.");
        *vectors = 0;
        var o = options != null ? *options : Defaults();
        var training = new TrainingOptions
        {
            Architecture = o.Cbow != 0 ? Architecture.Cbow : Architecture.SkipGram,
            Dimension = o.Size, Window = o.Window, Negative = o.Negative, HierarchicalSoftmax = o.Hs != 0,
            Iterations = o.Iter, Threads = o.Threads, Sample = o.Sample, Alpha = o.Alpha > 0 ? o.Alpha : null,
            Seed = o.Seed,
        };
        using var cancel = new CancellationTokenSource();
        Action<TrainingSnapshot>? report = progress == null ? null : s =>
        {
            if (progress(s.Fraction, s.IntervalLoss, user) != 0) cancel.Cancel();
        };
        *vectors = New(Word2Vec.Train(
            Text(path), training, new VocabularyOptions { MinCount = o.MinCount }, report, cancel.Token));
        SetError(null);
        return Ok;
    }

    [UnmanagedCallersOnly(EntryPoint = "fw2v_load")]
    public static int Load(byte* path, nint* vectors)
    {
        try
        {
            if (vectors == null) throw new FastW2VException("The result pointer is NULL.");
            *vectors = New(VectorFileReader.Read(Text(path)));
            return Ok;
        }
        catch (Exception e) { return Fail(e); }
    }

    [UnmanagedCallersOnly(EntryPoint = "fw2v_save")]
    public static int Save(nint vectors, byte* path, int binary)
    {
        try
        {
            VectorFileWriter.Write(Text(path), Get(vectors).Vectors, binary != 0);
            return Ok;
        }
        catch (Exception e) { return Fail(e); }
    }

    [UnmanagedCallersOnly(EntryPoint = "fw2v_count")]
    public static long Count(nint vectors)
    {
        try { return Get(vectors).Vectors.Count; } catch (Exception e) { Fail(e); return -1; }
    }

    [UnmanagedCallersOnly(EntryPoint = "fw2v_dimension")]
    public static int Dimension(nint vectors)
    {
        try { return Get(vectors).Vectors.Dimension; } catch (Exception e) { Fail(e); return -1; }
    }

    /// <summary>Copies the word's vector into out[0..dimension).</summary>
    [UnmanagedCallersOnly(EntryPoint = "fw2v_vector")]
    public static int Vector(nint vectors, byte* word, float* output)
    {
        try
        {
            var v = Get(vectors).Vectors;
            if (output == null) throw new FastW2VException("The output pointer is NULL.");
            int row = v.Find(Text(word));
            if (row < 0) return NotFound;
            new ReadOnlySpan<float>(v.Vectors.Row(row), v.Dimension).CopyTo(new Span<float>(output, v.Dimension));
            return Ok;
        }
        catch (Exception e) { return Fail(e); }
    }

    /// <summary>The k nearest words to the query (words summed; -word subtracts), into out[0..*found).</summary>
    [UnmanagedCallersOnly(EntryPoint = "fw2v_most_similar")]
    public static int MostSimilar(nint vectors, byte* query, int k, NativeNeighbour* output, int* found)
    {
        try
        {
            var h = Get(vectors);
            return Answer(h, h.Neighbours.Query(NearestNeighbours.Terms(Text(query)), Math.Max(1, k)), output, found);
        }
        catch (Exception e) { return Fail(e); }
    }

    /// <summary>a is to b as c is to ?: the k best answers (3CosAdd).</summary>
    [UnmanagedCallersOnly(EntryPoint = "fw2v_analogy")]
    public static int Analogy(nint vectors, byte* a, byte* b, byte* c, int k, NativeNeighbour* output, int* found)
    {
        try
        {
            var h = Get(vectors);
            return Answer(h, h.Neighbours.Analogy(Text(a), Text(b), Text(c), Math.Max(1, k)), output, found);
        }
        catch (Exception e) { return Fail(e); }
    }

    private static int Answer(
        Handle h, IReadOnlyList<(string Word, float Cosine)>? result, NativeNeighbour* output, int* found)
    {
        if (output == null || found == null) throw new FastW2VException("The output pointers are NULL.");
        *found = 0;
        if (result == null) return NotFound;
        for (int i = 0; i < result.Count; i++)
            output[i] = new NativeNeighbour
            {
                Word = h.Word(h.Vectors.Find(result[i].Word)), Similarity = result[i].Cosine,
            };
        *found = result.Count;
        return Ok;
    }

    [UnmanagedCallersOnly(EntryPoint = "fw2v_free")]
    public static void Free(nint vectors)
    {
        if (vectors == 0) return;
        try
        {
            var handle = GCHandle.FromIntPtr(vectors);
            (handle.Target as Handle)?.Dispose();
            handle.Free();
        }
        catch (Exception e) { Fail(e); }
    }
}
