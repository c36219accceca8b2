namespace FastW2V;

/// <summary>A file a run wrote.</summary>
/// <param name="Path">As given ("-" is standard output).</param>
/// <param name="Kind">vectors, classes, output-vectors, vocabulary or checkpoint.</param>
/// <param name="Format">text or binary.</param>
public sealed record OutputFile(string Path, string Kind, string Format);
