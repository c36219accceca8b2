namespace FastW2V.Vocabulary;

/// <summary>A parallel exact count stopped (a table, or the merge, passed the prune threshold): the
/// vocabulary needs the sequential pass that prunes as word2vec.c does.</summary>
internal sealed class VocabularyOverflowException : Exception;
