using System.Runtime.InteropServices;

namespace FastW2V.Distributed;

/// <summary>
/// Open MPI's C API, loaded at run time (NativeLibrary), so the same binary starts on machines
/// without MPI and only <c>--mpi</c> needs it. Open MPI's handles (MPI_COMM_WORLD, MPI_FLOAT, MPI_SUM…)
/// are the addresses of exported global structs, read here with GetExport; MPICH's are integers, so
/// an MPICH library is recognised by the missing <c>ompi_mpi_comm_world</c> and refused by name.
/// </summary>
internal sealed unsafe class MpiLibrary
{
    /// <summary>Where to look, in order; <c>FW2V_MPI_LIBRARY</c> names another file (or a missing one, for
    /// tests).</summary>
    private static readonly string[] Candidates = ["libmpi.so.40", "libmpi.so"];
    public const string LibraryVariable = "FW2V_MPI_LIBRARY";

    // Open MPI's mpi.h: MPI_IN_PLACE is ((void *) 1) and MPI_STATUS_IGNORE is ((MPI_Status *) 0).
    public static readonly nint InPlace = 1;
    public const int ThreadSerialized = 2, ThreadMultiple = 3;
    public const int Success = 0;

    public readonly string Path;
    public readonly nint CommWorld, Float, Long, Double, Byte, Sum, Max;
    public readonly delegate* unmanaged<int*, byte***, int, int*, int> InitThread;
    public readonly delegate* unmanaged<int*, int> Initialized;
    public readonly delegate* unmanaged<int*, int> Finalized;
    public readonly delegate* unmanaged<int> Finalize;
    public readonly delegate* unmanaged<nint, int*, int> CommRank;
    public readonly delegate* unmanaged<nint, int*, int> CommSize;
    public readonly delegate* unmanaged<nint, int, int> Abort;
    public readonly delegate* unmanaged<void*, void*, int, nint, nint, nint, int> Allreduce;
    public readonly delegate* unmanaged<void*, void*, int, nint, nint, nint, nint*, int> Iallreduce;
    public readonly delegate* unmanaged<nint*, int*, void*, int> Test;
    public readonly delegate* unmanaged<void*, int, nint, int, nint, int> Bcast;
    public readonly delegate* unmanaged<void*, int, nint, int, int, nint, int> Send;
    public readonly delegate* unmanaged<void*, int, nint, int, int, nint, void*, int> Recv;

    private MpiLibrary(string path, nint handle)
    {
        Path = path;
        nint Export(string name) => NativeLibrary.TryGetExport(handle, name, out nint address) ? address
            : throw new FastW2VException($"--mpi: {path} has no '{name}': it is not Open MPI (MPICH and others are " +
                $"not supported; set {LibraryVariable} to Open MPI's libmpi.so).");
        CommWorld = Export("ompi_mpi_comm_world");
        Float = Export("ompi_mpi_float");
        Long = Export("ompi_mpi_long");
        Double = Export("ompi_mpi_double");
        Byte = Export("ompi_mpi_byte");
        Sum = Export("ompi_mpi_op_sum");
        Max = Export("ompi_mpi_op_max");
        InitThread = (delegate* unmanaged<int*, byte***, int, int*, int>)Export("MPI_Init_thread");
        Initialized = (delegate* unmanaged<int*, int>)Export("MPI_Initialized");
        Finalized = (delegate* unmanaged<int*, int>)Export("MPI_Finalized");
        Finalize = (delegate* unmanaged<int>)Export("MPI_Finalize");
        CommRank = (delegate* unmanaged<nint, int*, int>)Export("MPI_Comm_rank");
        CommSize = (delegate* unmanaged<nint, int*, int>)Export("MPI_Comm_size");
        Abort = (delegate* unmanaged<nint, int, int>)Export("MPI_Abort");
        Allreduce = (delegate* unmanaged<void*, void*, int, nint, nint, nint, int>)Export("MPI_Allreduce");
        Iallreduce = (delegate* unmanaged<void*, void*, int, nint, nint, nint, nint*, int>)Export("MPI_Iallreduce");
        Test = (delegate* unmanaged<nint*, int*, void*, int>)Export("MPI_Test");
        Bcast = (delegate* unmanaged<void*, int, nint, int, nint, int>)Export("MPI_Bcast");
        Send = (delegate* unmanaged<void*, int, nint, int, int, nint, int>)Export("MPI_Send");
        Recv = (delegate* unmanaged<void*, int, nint, int, int, nint, void*, int>)Export("MPI_Recv");
    }

    /// <summary>Loads Open MPI's libmpi, or says in one line that none was found and how to get one.</summary>
    public static MpiLibrary Load()
    {
        string? named = Environment.GetEnvironmentVariable(LibraryVariable);
        foreach (string candidate in named is { Length: > 0 } ? [named] : Candidates)
        {
            // (RTLD_GLOBAL is not needed: Debian's Open MPI 4 links its components against libmpi itself.)
            if (NativeLibrary.TryLoad(candidate, out nint handle)) return new MpiLibrary(candidate, handle);
        }
        throw new FastW2VException(named is { Length: > 0 }
            ? $"--mpi: the MPI library '{named}' ({LibraryVariable}) cannot be loaded."
            : "--mpi: no MPI library found (libmpi.so.40): install Open MPI (Debian: apt-get install openmpi-bin " +
                "libopenmpi-dev) or set " + LibraryVariable + ".");
    }

    /// <summary>The rank count mpirun (Open MPI, or a PMI launcher) announces in the environment; 0 when not started by
    /// one.</summary>
    public static int LaunchedRanks()
    {
        foreach (string name in (string[])["OMPI_COMM_WORLD_SIZE", "PMI_SIZE"])
            if (int.TryParse(Environment.GetEnvironmentVariable(name), out int size) && size > 0) return size;
        return 0;
    }
}
