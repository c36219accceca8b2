namespace FastW2V.Training;

/// <summary>The loss a model trains with, chosen by name (<see cref="TrainingOptions.Loss"/>).</summary>
public enum LossKind
{
    /// <summary>Negative sampling (word2vec.c's default, -negative N).</summary>
    NegativeSampling,
    /// <summary>Hierarchical softmax alone (-hs 1 -negative 0): a Huffman tree of binary decisions.</summary>
    HierarchicalSoftmax,
    /// <summary>The exact full softmax: O(vocabulary) per prediction, for small vocabularies.</summary>
    Softmax,
}
