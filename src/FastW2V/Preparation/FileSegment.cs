namespace FastW2V.Preparation;

/// <summary>A part of one file of a corpus: bytes [Start, Start + Length) of a plain file, or a whole stream.</summary>
/// <param name="EndsFile">The segment reaches the end of its file: a newline follows unless it is the last
/// file.</param>
internal readonly record struct FileSegment(int Source, long Start, long Length, bool EndsFile, bool IsWholeStream);
