namespace FastW2V.Training;

/// <summary>
/// The skip-gram negative-sampling updates, chosen once per run as a type argument (one struct per
/// instruction-set strategy), so the worker's loop calls them without a virtual call.
/// </summary>
internal unsafe interface ISkipGramUpdate
{
    /// <summary>
    /// The classic pair: input row <c>v</c> against its targets (positive first), updating each output
    /// row in turn and then <c>v</c>; returns the loss.
    /// </summary>
    static abstract float Train(in NegativeSamplingStep ns, float* v, float* gradient, int* targets, int count, float alpha);

    /// <summary>
    /// The HogBatch window (Ji et al.): the <paramref name="batch"/> context rows of one centre word all
    /// predict it against one shared set of target rows of <paramref name="output"/>. Negative sampling
    /// (<paramref name="codes"/> null): the positive first, then the negatives, <paramref name="multiplicity"/>
    /// counting a negative drawn more than once, word2vec.c's clipped steps. Hierarchical softmax: the
    /// centre word's path, whose nodes every context shares, label 1 − code, nodes skipped outside the
    /// table as word2vec.c does. Every score is taken from the rows as they were at the
    /// start, so the update is the three small matrix products S = U·Vᵀ, ΔU = G·V, ΔV = Gᵀ·U with
    /// G = (labels − σ(S))·alpha; <paramref name="deltas"/> (batch rows of the stride) and
    /// <paramref name="scratch"/> (max(stride, batch) floats) are scratch. Returns the loss over all batch × count scores. The output rows of
    /// <paramref name="prefetch"/> (the next window's targets) are prefetched one per target, spread over the work.
    /// </summary>
    static abstract float TrainWindow(in NegativeSamplingStep ns, float* output, float** rows, int batch, int* targets, int* multiplicity,
        byte* codes, int count, float alpha, float* deltas, float* scratch, int* prefetch, int prefetchCount);
}
