namespace FastW2V.Distributed;

/// <summary>What an MPI job's training needs besides the options: the ranks and when and what to merge.</summary>
internal sealed record DistributedTraining(MpiSession Ranks, SyncTrigger Trigger, SyncSchedule Schedule);
