using System.Runtime.InteropServices;
using FastW2V.Evaluation;
using FastW2V.Formats;

namespace FastW2V.Native;

/// <summary>
/// A vector set behind a C handle, with what queries need: its neighbour index and its words as C strings, both
/// made by the first query that needs them, once even when several threads ask at the same moment. It counts
/// its users (the handle table is one, each call in progress another) and frees everything when the last one
/// leaves, so fw2v_free during another thread's query never pulls the vectors from under it.
/// </summary>
internal sealed unsafe class VectorsHandle
{
    private readonly Lazy<NearestNeighbours> _neighbours;
    private nint[]? _words;
    private int _users = 1; // the handle table's reference; 0: freed

    public VectorsHandle(WordVectors vectors)
    {
        Vectors = vectors;
        _neighbours = new(() => new NearestNeighbours(Vectors), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public WordVectors Vectors { get; }

    public NearestNeighbours Neighbours => _neighbours.Value;

    /// <summary>Counts one more user; false once the last user has left (the handle is freed).</summary>
    public bool TryEnter()
    {
        int users = Volatile.Read(ref _users);
        while (users > 0)
        {
            int seen = Interlocked.CompareExchange(ref _users, users + 1, users);
            if (seen == users) return true;
            users = seen;
        }
        return false;
    }

    /// <summary>One user leaves; the last one frees the vectors, the index and the words.</summary>
    public void Exit()
    {
        if (Interlocked.Decrement(ref _users) != 0) return;
        if (_neighbours.IsValueCreated) _neighbours.Value.Dispose();
        Vectors.Dispose();
        if (_words != null) foreach (nint p in _words) if (p != 0) NativeMemory.Free((void*)p);
    }

    /// <summary>
    /// The word's NUL-terminated bytes in native memory (made once per word, freed with the handle). Two
    /// threads may make the same word at once: one copy is kept, the other freed.
    /// </summary>
    public nint Word(int index)
    {
        var words = LazyInitializer.EnsureInitialized(ref _words, () => new nint[Vectors.Count]);
        nint existing = Volatile.Read(ref words[index]);
        if (existing != 0) return existing;
        var bytes = Vectors.Words[index];
        byte* p = (byte*)NativeMemory.Alloc((nuint)bytes.Length + 1);
        bytes.CopyTo(new Span<byte>(p, bytes.Length));
        p[bytes.Length] = 0;
        existing = Interlocked.CompareExchange(ref words[index], (nint)p, 0);
        if (existing == 0) return (nint)p;
        NativeMemory.Free(p);
        return existing;
    }
}
