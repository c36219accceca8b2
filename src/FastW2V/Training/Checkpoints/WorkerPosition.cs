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

    /// <summary>
    /// What makes this impossible as worker <paramref name="worker"/>'s position (of <paramref name="workers"/>,
    /// over <paramref name="tokens"/> tokens and <paramref name="words"/> words), or null. A worker reads its
    /// range once per epoch and counts every token it reads, so its words are exactly its epochs' ranges plus
    /// its offset; its negative buffer holds word ids, and its cursor points into the buffer.
    /// </summary>
    public string? Problem(int worker, int workers, long tokens, int words)
    {
        long range = (long)((Int128)tokens * (worker + 1) / workers - (Int128)tokens * worker / workers);
        string who = $"worker {worker}";
        if (Epoch < 0) return $"puts {who} in epoch {Epoch}";
        if (Offset < 0 || Offset > range) return $"puts {who} at token {Offset:N0} of its {range:N0}";
        Int128 read = (Int128)Epoch * range + Offset;
        if (Words != read) return $"counts {Words:N0} words read by {who}, not the {read:N0} of its position";
        if (Reported < 0 || Reported > Words) return $"counts {Reported:N0} of {who}'s {Words:N0} words reported";
        if (!float.IsFinite(Alpha) || Alpha <= 0) return $"gives {who} the learning rate {Alpha}";
        if (NegativeNext is < 0 or > NegativeStream.Size)
            return $"puts {who}'s negative-sample cursor at {NegativeNext} of {NegativeStream.Size}";
        int bad = Array.FindIndex(Negatives, n => (uint)n >= (uint)words);
        if (bad >= 0) return $"gives {who} the negative sample {Negatives[bad]}, not a word id (0 to {words - 1})";
        if (!double.IsFinite(LossSum) || LossCount < 0)
            return $"gives {who} the loss {LossSum} over {LossCount} examples";
        return null;
    }

    /// <summary>What makes this position impossible under the run's options (epochs, learning rate), or null.</summary>
    public string? Problem(int worker, TrainingOptions options)
    {
        if (Epoch > options.Iterations || (Epoch == options.Iterations && Offset != 0))
            return $"puts worker {worker} in epoch {Epoch} of {options.Iterations}";
        // The schedule runs from the starting rate down to its floor (TrainingOptions.AlphaAt), never past either.
        float start = options.StartingAlpha, floor = start * 1e-4f;
        if (Alpha > start || Alpha < floor)
            return $"gives worker {worker} the learning rate {Alpha}, outside this run's {floor} to {start}";
        return null;
    }
}
