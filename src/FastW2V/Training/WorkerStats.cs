using System.Runtime.InteropServices;

namespace FastW2V.Training;

/// <summary>
/// What one worker publishes for the progress monitor, once per sentence. Written by that worker
/// only; padded to whole cache lines so two workers never share a line (no false sharing).
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 192)]
internal struct WorkerStats
{
    [FieldOffset(64)] public long Words;      // raw corpus tokens read (before subsampling)
    [FieldOffset(72)] public double LossSum;  // Σ loss over trained examples, in double precision
    [FieldOffset(80)] public long LossCount;  // examples (pairs for skip-gram, windows for CBOW)
}
