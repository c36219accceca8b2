using FastW2V.Kernels.Blocked;
using FastW2V.Training;
using FastW2V.Training.Batched;

namespace FastW2V.Kernels.Update;

/// <summary>
/// The training updates of one kernel strategy (level-1 loops or register-blocked strips, per
/// instruction set), chosen once per run as a type argument so the worker's loop calls them without a
/// virtual call.
/// </summary>
internal unsafe interface IUpdateKernels
{
    /// <summary>
    /// word2vec.c's pair: input row <c>v</c> against its targets (positive first), updating each output
    /// row in turn and then <c>v</c>; returns the loss.
    /// </summary>
    static abstract float Train(in NegativeSamplingStep ns, float* v, float* gradient, int* targets, int count,
        float alpha);

    /// <summary>
    /// A batched update (<see cref="BlockedWindowUpdate{TVec}"/> gives the maths): the input rows of
    /// <paramref name="rows"/> all predict the targets of <paramref name="targets"/>, every score taken
    /// from the rows as they were at the start; the target rows of <paramref name="output"/> are updated,
    /// the input rows' steps left in <see cref="WindowRows.DeltaRows"/>. Returns the loss.
    /// </summary>
    static abstract float TrainWindow<TTargets>(float* output, int stride, in WindowRows rows, ref TTargets targets)
        where TTargets : struct, IWindowTargets;

    /// <summary>
    /// The diagonal of a batched update: input row b predicts its own target row
    /// <c>targets.Target(b)</c> only (a CBOW batch's centre words). Steps to the input rows go to
    /// <see cref="WindowRows.DeltaRows"/> as in <see cref="TrainWindow"/>, from the old target rows.
    /// </summary>
    static abstract float TrainDiagonal<TTargets>(float* output, int stride, in WindowRows rows, ref TTargets targets)
        where TTargets : struct, IWindowTargets;
}
