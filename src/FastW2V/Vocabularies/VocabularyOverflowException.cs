namespace FastW2V.Vocabularies;

/// <summary>A parallel exact count stopped (a table, or the merge, passed the prune threshold): the
/// vocabulary needs the sequential pass that prunes as word2vec.c does.</summary>
internal sealed class VocabularyOverflowException : Exception
{
    /// <summary>The exception (or every one a parallel loop gathered) is an overflow.</summary>
    public static bool IsIn(Exception e) =>
        e is VocabularyOverflowException ||
        e is AggregateException a && a.Flatten().InnerExceptions.All(i => i is VocabularyOverflowException);
}
