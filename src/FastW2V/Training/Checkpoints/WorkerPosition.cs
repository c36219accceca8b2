namespace FastW2V.Training;

/// <summary>
/// Where one worker stands, at a sentence boundary: everything its next step depends on, so a run
/// resumed from it with one thread goes on bit for bit as if it had never stopped.
/// </summary>
internal sealed class WorkerPosition
{
    /// <summary>The epoch under way (= the number of epochs when the worker has finished).</summary>
    public int Epoch;
    /// <summary>Tokens of the worker's range already read in this epoch.</summary>
    public long Offset;
    /// <summary>Raw tokens read in all epochs, and the part of them added to the shared count.</summary>
    public long Words, Reported;
    public float Alpha;
    public ulong Rng;
    public ulong NegativeRng;
    public int NegativeNext;
    public int[] Negatives = new int[NegativeStream.Size];
    public double LossSum;
    public long LossCount;

    /// <summary>A copy that later records do not change.</summary>
    public WorkerPosition Clone()
    {
        var copy = (WorkerPosition)MemberwiseClone();
        copy.Negatives = (int[])Negatives.Clone();
        return copy;
    }
}
