using System.Runtime.Intrinsics;

namespace FastW2V.Training.Batched;

/// <summary>
/// The output side of a batched update, as a type argument (so the loss is chosen at compile time, not by
/// a null pointer): which rows are the targets, and how a score becomes a step at cell (target t,
/// input row b), one cell at a time (<see cref="Step"/>, for the level-1 loop kernels) or 8 input rows at
/// a time (<see cref="Steps8"/>, lanes chunk … chunk + 7, for the blocked kernels). Both read
/// word2vec.c's sigmoid table at the same index, so they give the same steps.
/// </summary>
internal interface IWindowTargets
{
    int Count { get; }
    int Target(int t);
    float Step(int t, int b, float score, ref float loss);
    Vector256<float> Steps8(int t, int chunk, Vector256<float> scores, Vector256<float> valid,
        ref Vector256<float> loss);
}
