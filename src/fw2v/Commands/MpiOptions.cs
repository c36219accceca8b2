using System.CommandLine;

namespace FastW2V.Cli.Commands;

/// <summary>
/// `fw2v train`'s options for an MPI job (<c>mpirun -np N fw2v train --mpi …</c>): each rank trains its
/// part of the corpus and a communication thread merges the ranks' changes; rank 0 writes the outputs.
/// </summary>
internal sealed class MpiOptions
{
    public readonly Option<bool> Mpi = new("--mpi")
    {
        Description = "Train as one rank of an MPI job started by mpirun (Open MPI, loaded at run time): "
            + "every rank trains its part of the corpus, their changes are merged into one model, rank 0 writes.",
    };
    public readonly Option<string> SyncEvery = new("--sync-every")
    {
        Description = "With --mpi: merge the ranks' models every N words of the whole job (k, M, G suffixes) "
            + "or every N seconds (e.g. 2s).",
        DefaultValueFactory = _ => "500k",
    };
    public readonly Option<string> SyncSchedule = new("--sync-schedule")
    {
        Description = "With --mpi: banded (frequent rows every round, rarer rows less often; see the README) "
            + "or full (every row every round).",
        DefaultValueFactory = _ => "banded",
    };
    public readonly Option<bool> RankLog = new("--rank-log")
    {
        Description = "With --mpi: every rank logs (prefixed with its rank); by default ranks other than 0 "
            + "print nothing but errors.",
    };

    public MpiOptions() => SyncSchedule.AcceptOnlyFromAmong("banded", "full");

    public IEnumerable<Option> All => [Mpi, SyncEvery, SyncSchedule, RankLog];

    /// <summary>The MPI options when --mpi is given; null without it (and then no MPI option may be given).</summary>
    public DistributedOptions? Options(ParseResult parse)
    {
        bool wanted = parse.GetValue(Mpi);
        foreach (var option in new Option[] { SyncEvery, SyncSchedule, RankLog })
            if (!wanted && parse.GetResult(option) is { Implicit: false })
                throw new FastW2VException($"{option.Name} is for MPI jobs: add --mpi.");
        return !wanted ? null : new DistributedOptions
        {
            SyncEvery = parse.GetValue(SyncEvery)!,
            FullSchedule = parse.GetValue(SyncSchedule) == "full",
            RankLog = parse.GetValue(RankLog),
        };
    }
}
