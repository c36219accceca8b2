namespace FastW2V.Distributed;

/// <summary>What merging the models cost: rounds, the bytes of rows each rank sent into Allreduce, and the time the
/// merging thread spent.</summary>
public sealed record SyncFigures(long Rounds, long PayloadBytes, TimeSpan Busy);
