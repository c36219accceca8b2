namespace FastW2V.Distributed;

/// <summary>
/// One process's place in an MPI job (MPI_COMM_WORLD): its rank, the rank count, and the few
/// collectives training needs, each over spans that may pass 2^31 elements (sent in chunks, since MPI
/// counts are ints). Initialised with MPI_THREAD_MULTIPLE: the main thread exchanges the vocabulary,
/// then a communication thread merges the ranks' models while the workers train. Started without mpirun,
/// Open MPI runs the process as a singleton of size 1.
/// </summary>
public sealed unsafe class MpiSession : IDisposable
{
    /// <summary>Elements per call: well under int.MaxValue, and small enough that a chunk's buffers stay in
    /// cache-friendly sizes.</summary>
    private const int ChunkElements = 1 << 26;
    private readonly MpiLibrary _mpi;
    private bool _finalized;

    /// <summary>This process's rank (0 writes and reports).</summary>
    public int Rank { get; }
    /// <summary>The number of ranks in the job.</summary>
    public int Size { get; }
    internal string LibraryPath => _mpi.Path;
    /// <summary>The session of this process, so a fatal error anywhere can abort every rank (see <see
    /// cref="AbortAll"/>).</summary>
    public static MpiSession? Current { get; private set; }

    private MpiSession(MpiLibrary mpi, int rank, int size) => (_mpi, Rank, Size) = (mpi, rank, size);

    internal static MpiSession Start()
    {
        if (Current != null) throw new InvalidOperationException("MPI is already initialised in this process.");
        var mpi = MpiLibrary.Load();
        int provided, rank, size;
        Check(mpi.InitThread(null, null, MpiLibrary.ThreadMultiple, &provided), "MPI_Init_thread");
        // The vocabulary exchange and the merging never overlap, so serialized calls from two threads suffice.
        if (provided < MpiLibrary.ThreadSerialized)
        {
            mpi.Finalize();
            throw new FastW2VException($"--mpi: the MPI library gives thread level {provided}; fw2v calls MPI from "
                + $"two threads and needs MPI_THREAD_SERIALIZED or more.");
        }
        Check(mpi.CommRank(mpi.CommWorld, &rank), "MPI_Comm_rank");
        Check(mpi.CommSize(mpi.CommWorld, &size), "MPI_Comm_size");
        return Current = new MpiSession(mpi, rank, size);
    }

    /// <summary>Ends the whole job (every rank, through mpirun) after a fatal error on this one: never a
    /// hang.</summary>
    public static void AbortAll(int code)
    {
        if (Current is { _finalized: false } s) s._mpi.Abort(s._mpi.CommWorld, code);
    }

    internal void AllreduceSum(Span<long> values) => Reduce(values, _mpi.Long, _mpi.Sum);
    internal void AllreduceSum(Span<double> values) => Reduce(values, _mpi.Double, _mpi.Sum);
    internal void AllreduceMax(Span<long> values) => Reduce(values, _mpi.Long, _mpi.Max);

    private void Reduce<T>(Span<T> values, nint type, nint op) where T : unmanaged
    {
        fixed (T* p = values) Check(_mpi.Allreduce((void*)MpiLibrary.InPlace, p, values.Length, type, op,
            _mpi.CommWorld), "MPI_Allreduce");
    }

    /// <summary>
    /// Sums <paramref name="values"/> over the ranks like <see cref="AllreduceSum(Span{long})"/>, but waits
    /// for the others by polling with short sleeps: a blocking MPI call spins a core while it waits, and a
    /// rank that arrives early would take that core from its own workers.
    /// </summary>
    internal void AllreduceSumPolling(Span<long> values)
    {
        fixed (long* p = values)
        {
            nint request;
            int done = 0;
            Check(_mpi.Iallreduce((void*)MpiLibrary.InPlace, p, values.Length, _mpi.Long, _mpi.Sum, _mpi.CommWorld,
                &request), "MPI_Iallreduce");
            while (true)
            {
                Check(_mpi.Test(&request, &done, null), "MPI_Test");
                if (done != 0) return;
                Thread.Sleep(1);
            }
        }
    }

    /// <summary>result[i] = Σ over ranks of source[i], for any number of floats.</summary>
    internal void AllreduceSum(float* source, float* result, long count)
    {
        for (long at = 0; at < count; at += ChunkElements)
        {
            int n = (int)Math.Min(ChunkElements, count - at);
            Check(_mpi.Allreduce(source + at, result + at, n, _mpi.Float, _mpi.Sum, _mpi.CommWorld), "MPI_Allreduce");
        }
    }

    /// <summary>Rank <paramref name="root"/>'s bytes on every rank (the others pass null).</summary>
    internal byte[] Broadcast(byte[]? data, int root)
    {
        long length = Rank == root ? data!.LongLength : 0;
        Check(_mpi.Bcast(&length, 1, _mpi.Long, root, _mpi.CommWorld), "MPI_Bcast");
        byte[] buffer = Rank == root ? data! : new byte[length];
        fixed (byte* p = buffer)
            for (long at = 0; at < length; at += ChunkElements)
                Check(_mpi.Bcast(p + at, (int)Math.Min(ChunkElements, length - at), _mpi.Byte, root, _mpi.CommWorld),
                    "MPI_Bcast");
        return buffer;
    }

    /// <summary>Sends bytes to one rank (which calls <see cref="Receive"/>), length first.</summary>
    internal void Send(byte[] data, int destination)
    {
        long length = data.LongLength;
        Check(_mpi.Send(&length, 1, _mpi.Long, destination, 0, _mpi.CommWorld), "MPI_Send");
        fixed (byte* p = data)
            for (long at = 0; at < length; at += ChunkElements)
                Check(_mpi.Send(p + at, (int)Math.Min(ChunkElements, length - at), _mpi.Byte, destination, 0,
                    _mpi.CommWorld), "MPI_Send");
    }

    internal byte[] Receive(int source)
    {
        long length;
        Check(_mpi.Recv(&length, 1, _mpi.Long, source, 0, _mpi.CommWorld, null), "MPI_Recv");
        var data = new byte[length];
        fixed (byte* p = data)
            for (long at = 0; at < length; at += ChunkElements)
                Check(_mpi.Recv(p + at, (int)Math.Min(ChunkElements, length - at), _mpi.Byte, source, 0,
                    _mpi.CommWorld, null), "MPI_Recv");
        return data;
    }

    private static void Check(int code, string call)
    {
        // Open MPI's default handler (MPI_ERRORS_ARE_FATAL) aborts before returning an error; this is for others.
        if (code != MpiLibrary.Success) throw new FastW2VException($"--mpi: {call} failed with MPI error {code}.");
    }

    /// <summary>Finishes MPI for this process (every rank must, on success).</summary>
    public void Dispose()
    {
        if (_finalized) return;
        _finalized = true;
        _mpi.Finalize();
        Current = null;
    }
}
