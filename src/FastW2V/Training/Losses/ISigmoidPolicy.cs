namespace FastW2V.Training.Losses;

/// <summary>
/// How a sigmoid loss turns a score f into a step: word2vec.c's clipped table in training (float), the
/// exact function in the gradient checks (double). The losses are generic over this policy, so the
/// checks run the trainer's own loss code.
/// </summary>
internal interface ISigmoidPolicy<T> where T : unmanaged
{
    /// <summary>
    /// Negative sampling's step g = (label − σ(f))·alpha (label 1 for the positive target), adding
    /// −log σ(±f) to <paramref name="loss"/>.
    /// </summary>
    T Step(T f, bool positive, T alpha, ref T loss);

    /// <summary>
    /// Hierarchical softmax's step at one inner node, the same formula; false when the node is skipped
    /// (word2vec.c skips scores outside its table's range).
    /// </summary>
    bool TreeStep(T f, bool positive, T alpha, ref T loss, out T g);
}
