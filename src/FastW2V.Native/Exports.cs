using System.Runtime.InteropServices;
using FastW2V.Evaluation;
using FastW2V.Formats;
using FastW2V.Training;

namespace FastW2V.Native;

/// <summary>
/// The C ABI (include/fastw2v.h). Every function returns a status (0 ok, 1 failed: fw2v_last_error says why,
/// 2 a word not in the vocabulary) and never lets an exception cross into C. Every pointer, count and flag is
/// checked before anything is written: NULL, a k below 1, a flag other than 0 or 1, a freed or forged handle
/// are refused with status 1. Vectors are handles of <see cref="HandleTable"/>, freed with fw2v_free.
/// </summary>
public static unsafe class Exports
{
    private const int Ok = 0, NotFound = 2;

    private static string Text(byte* utf8, string what) =>
        utf8 == null
            ? throw new FastW2VException($"The {what} is NULL.")
            : Marshal.PtrToStringUTF8((nint)utf8)!;

    private static string PathText(byte* utf8)
    {
        string path = Text(utf8, "path");
        return path.Length > 0 ? path : throw new FastW2VException("The path is empty.");
    }

    [UnmanagedCallersOnly(EntryPoint = "fw2v_last_error")]
    public static byte* LastErrorText() => LastError.Current;

    [UnmanagedCallersOnly(EntryPoint = "fw2v_default_options")]
    public static void DefaultOptions(NativeOptions* options)
    {
        if (options != null) *options = NativeOptions.Defaults();
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
        try
        {
            if (vectors == null) throw new FastW2VException("The result pointer is NULL.");
            *vectors = 0;
            return TrainCore(PathText(corpusPath), options, progress, user, vectors);
        }
        catch (Exception e) { return LastError.Fail(e); }
    }

    /// <summary>
    /// Trains on text the caller streams: read(buffer, capacity, user) returns the bytes it put there (at most
    /// capacity), 0 at the end, -1 on error. The text is spooled to an unlinked file (<see cref="StreamSpool"/>).
    /// </summary>
    [UnmanagedCallersOnly(EntryPoint = "fw2v_train_stream")]
    public static int TrainStream(
        delegate* unmanaged<byte*, long, void*, long> read, void* readUser, NativeOptions* options,
        delegate* unmanaged<double, double, void*, int> progress, void* user, nint* vectors)
    {
        StreamSpool? spool = null;
        try
        {
            if (vectors == null) throw new FastW2VException("The result pointer is NULL.");
            *vectors = 0;
            if (read == null) throw new FastW2VException("The read callback is NULL.");
            if (options != null) options->ToTraining(); // refuse bad options before reading anything
            spool = StreamSpool.Fill(read, readUser);
            return TrainCore(spool.Path, options, progress, user, vectors);
        }
        catch (Exception e) { return LastError.Fail(e, spool?.Path, spool?.Name); }
        finally { spool?.Dispose(); }
    }

    /// <summary>fw2v_train's body (an UnmanagedCallersOnly method cannot be called from managed code).</summary>
    private static int TrainCore(
        string path, NativeOptions* options, delegate* unmanaged<double, double, void*, int> progress, void* user,
        nint* vectors)
    {
        var o = options != null ? *options : NativeOptions.Defaults();
        var training = o.ToTraining();
        using var cancel = new CancellationTokenSource();
        Action<TrainingSnapshot>? report = progress == null ? null : s =>
        {
            if (progress(s.Fraction, s.IntervalLoss, user) != 0) cancel.Cancel();
        };
        *vectors = HandleTable.Add(Word2Vec.Train(path, training, o.ToVocabulary(), report, cancel.Token));
        return Ok;
    }

    [UnmanagedCallersOnly(EntryPoint = "fw2v_load")]
    public static int Load(byte* path, nint* vectors)
    {
        try
        {
            if (vectors == null) throw new FastW2VException("The result pointer is NULL.");
            *vectors = 0;
            *vectors = HandleTable.Add(VectorFileReader.Read(PathText(path)));
            return Ok;
        }
        catch (Exception e) { return LastError.Fail(e); }
    }

    [UnmanagedCallersOnly(EntryPoint = "fw2v_save")]
    public static int Save(nint vectors, byte* path, int binary)
    {
        try
        {
            if (binary is not (0 or 1))
                throw new FastW2VException($"binary must be 0 (text) or 1 (binary) (got {binary}).");
            using var lease = HandleTable.Enter(vectors);
            VectorFileWriter.Write(PathText(path), lease.Handle.Vectors, binary != 0);
            return Ok;
        }
        catch (Exception e) { return LastError.Fail(e); }
    }

    [UnmanagedCallersOnly(EntryPoint = "fw2v_count")]
    public static long Count(nint vectors)
    {
        try
        {
            using var lease = HandleTable.Enter(vectors);
            return lease.Handle.Vectors.Count;
        }
        catch (Exception e) { LastError.Fail(e); return -1; }
    }

    [UnmanagedCallersOnly(EntryPoint = "fw2v_dimension")]
    public static int Dimension(nint vectors)
    {
        try
        {
            using var lease = HandleTable.Enter(vectors);
            return lease.Handle.Vectors.Dimension;
        }
        catch (Exception e) { LastError.Fail(e); return -1; }
    }

    /// <summary>Copies the word's vector into out[0..dimension).</summary>
    [UnmanagedCallersOnly(EntryPoint = "fw2v_vector")]
    public static int Vector(nint vectors, byte* word, float* output)
    {
        try
        {
            using var lease = HandleTable.Enter(vectors);
            var v = lease.Handle.Vectors;
            string text = Text(word, "word");
            if (output == null) throw new FastW2VException("The output pointer is NULL.");
            int row = v.Find(text);
            if (row < 0) return NotFound;
            new ReadOnlySpan<float>(v.Vectors.Row(row), v.Dimension).CopyTo(new Span<float>(output, v.Dimension));
            return Ok;
        }
        catch (Exception e) { return LastError.Fail(e); }
    }

    /// <summary>The k nearest words to the query (words summed; -word subtracts), into out[0..*found).</summary>
    [UnmanagedCallersOnly(EntryPoint = "fw2v_most_similar")]
    public static int MostSimilar(nint vectors, byte* query, int k, NativeNeighbour* output, int* found)
    {
        try
        {
            CheckAnswer(k, output, found);
            using var lease = HandleTable.Enter(vectors);
            var terms = NearestNeighbours.Terms(Text(query, "query"));
            if (terms.Count == 0) throw new FastW2VException("The query has no words.");
            return Answer(lease.Handle, lease.Handle.Neighbours.Query(terms, k), output, found);
        }
        catch (Exception e) { return LastError.Fail(e); }
    }

    /// <summary>a is to b as c is to ?: the k best answers (3CosAdd).</summary>
    [UnmanagedCallersOnly(EntryPoint = "fw2v_analogy")]
    public static int Analogy(nint vectors, byte* a, byte* b, byte* c, int k, NativeNeighbour* output, int* found)
    {
        try
        {
            CheckAnswer(k, output, found);
            using var lease = HandleTable.Enter(vectors);
            var answer = lease.Handle.Neighbours.Analogy(Text(a, "word a"), Text(b, "word b"), Text(c, "word c"), k);
            return Answer(lease.Handle, answer, output, found);
        }
        catch (Exception e) { return LastError.Fail(e); }
    }

    /// <summary>Refuses what would make a query write outside the caller's k entries (or through NULL).</summary>
    private static void CheckAnswer(int k, NativeNeighbour* output, int* found)
    {
        if (k < 1) throw new FastW2VException($"k must be at least 1 (got {k}): the answer buffer holds k entries.");
        if (output == null) throw new FastW2VException("The output buffer is NULL.");
        if (found == null) throw new FastW2VException("The found pointer is NULL.");
    }

    private static int Answer(
        VectorsHandle h, IReadOnlyList<(string Word, float Cosine)>? result, NativeNeighbour* output, int* found)
    {
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
        try { HandleTable.Free(vectors); }
        catch (Exception e) { LastError.Fail(e); }
    }
}
