namespace FastW2V.Training.Batched;

/// <summary>
/// The rows one batched update works on, and its scratch: <see cref="Rows"/> are the input-side rows
/// (skip-gram: the window's context rows; CBOW: the batch's hidden vectors), padded with
/// <see cref="ZeroRow"/> to a multiple of 8 (the score kernel reads only the rows present; the
/// diagonal's pair kernel reads whole chunks of 8); the update leaves their
/// gradient steps in <see cref="DeltaRows"/> (stored, or added when <see cref="AddDeltas"/>) for the
/// caller to apply. <see cref="Steps"/> holds the step matrix G (targets × <see cref="Columns"/>),
/// <see cref="TargetRows"/> the target rows' addresses.
/// </summary>
internal unsafe struct WindowRows
{
    public float** Rows;
    public int Batch;
    public float** DeltaRows;
    public bool AddDeltas;
    public float* Steps;
    public float** TargetRows;
    public float* ZeroRow;
    /// <summary>Rows of the next update, prefetched one per target while this one computes its scores.</summary>
    public float* PrefetchBase;
    public int* Prefetch;
    public int PrefetchCount;

    /// <summary>Step-matrix columns: the batch rounded up to whole chunks of 8.</summary>
    public readonly int Columns => (Batch + 7) & ~7;

    /// <summary>Points the rows past the batch at the zero row, up to the next multiple of 8.</summary>
    public readonly void PadRows()
    {
        for (int b = Batch, end = Columns; b < end; b++) Rows[b] = ZeroRow;
    }
}
