namespace FastW2V;

/// <summary>
/// An error caused by the user's input or options. Its message is one complete sentence meant to be
/// printed as is (the CLI prints it on one line and exits non-zero, never with a stack trace).
/// </summary>
public sealed class FastW2VException(string message) : Exception(message)
{
    /// <summary>
    /// Rethrows the first one-line error inside a parallel loop's <see cref="AggregateException"/> (a shard's
    /// bad bytes, an unreadable file) as itself, so the user sees it and not its wrapper; anything else is
    /// left to the caller.
    /// </summary>
    internal static void ThrowFirstIn(Exception e)
    {
        if (e is AggregateException a
            && a.Flatten().InnerExceptions.FirstOrDefault(i => i is FastW2VException) is { } first)
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
    }
}
