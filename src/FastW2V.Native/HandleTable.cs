using System.Collections.Concurrent;
using FastW2V.Formats;

namespace FastW2V.Native;

/// <summary>
/// The live vectors handles. A handle is a number this table gave out (never a pointer, never given twice), so
/// a freed, forged or garbage handle is refused with a message instead of being followed into memory.
/// </summary>
internal static class HandleTable
{
    private const long Step = 16; // handles look like aligned pointers, and small integers are never handles
    private static readonly ConcurrentDictionary<nint, VectorsHandle> Live = new();
    private static long _last = 0x10000;

    public static nint Add(WordVectors vectors)
    {
        nint id = (nint)Interlocked.Add(ref _last, Step);
        Live[id] = new VectorsHandle(vectors);
        return id;
    }

    /// <summary>The handle's vectors, held until the lease is disposed (a fw2v_free meanwhile leaves them to the
    /// lease, which frees them).</summary>
    /// <exception cref="FastW2VException">NULL, freed or never made here.</exception>
    public static HandleLease Enter(nint id)
    {
        if (id == 0) throw new FastW2VException("The vectors handle is NULL.");
        if (Live.TryGetValue(id, out var handle) && handle.TryEnter()) return new HandleLease(handle);
        throw new FastW2VException(
            "The vectors handle is not live: it was freed already, or it did not come from fw2v_train or fw2v_load.");
    }

    /// <summary>Takes the handle out of the table; its memory goes when the last call using it returns.</summary>
    /// <exception cref="FastW2VException">Freed already or never made here.</exception>
    public static void Free(nint id)
    {
        if (!Live.TryRemove(id, out var handle))
            throw new FastW2VException(
                "fw2v_free: the handle is not live (freed already, or not made by fw2v_train or fw2v_load).");
        handle.Exit();
    }
}
