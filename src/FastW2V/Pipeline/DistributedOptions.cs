namespace FastW2V;

/// <summary>
/// One rank of an MPI job (<c>mpirun -np N fw2v train --mpi …</c>): each rank trains its part of the
/// corpus, a communication thread merges the ranks' changes, rank 0 writes every output.
/// </summary>
public sealed record DistributedOptions
{
    /// <summary>Merge every N words of the whole job (k, M, G suffixes) or every N seconds ("2s").</summary>
    public string SyncEvery { get; init; } = "500k";
    /// <summary>Merge frequent rows every round and rarer rows less often (banded) or every row every round
    /// (full).</summary>
    public bool FullSchedule { get; init; }
    /// <summary>Every rank logs, its lines prefixed with its rank; otherwise only rank 0 does.</summary>
    public bool RankLog { get; init; }
}
