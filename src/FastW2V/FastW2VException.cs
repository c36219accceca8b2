namespace FastW2V;

/// <summary>
/// An error caused by the user's input or options. Its message is one complete sentence meant to be
/// printed as is (the CLI prints it on one line and exits non-zero, never with a stack trace).
/// </summary>
public sealed class FastW2VException(string message) : Exception(message);
