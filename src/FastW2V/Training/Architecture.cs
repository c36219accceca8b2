namespace FastW2V.Training;

/// <summary>What predicts what: skip-gram (a word predicts its context) or CBOW (the context predicts the
/// word).</summary>
public enum Architecture
{
    /// <summary>Skip-gram (word2vec.c's -cbow 0).</summary>
    SkipGram,
    /// <summary>Continuous bag of words (word2vec.c's -cbow 1, its default).</summary>
    Cbow,
}
