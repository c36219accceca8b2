namespace FastW2V.Corpus;

/// <summary>
/// The files of one corpus, in order. Their text is the files' concatenation with a newline between
/// each file and the next, so every file ends a sentence; plain files are read in parallel shards that
/// may cross from one file to the next, and each streamed one (gzip, a pipe, standard input) is read
/// whole by one thread.
/// </summary>
internal sealed class CorpusSet
{
    public IReadOnlyList<CorpusSource> Sources { get; }

    public CorpusSet(IReadOnlyList<string> paths)
    {
        if (paths.Count == 0) throw new FastW2VException("Give the training text: -train FILE.");
        if (paths.Count(p => p == "-") > 1) throw new FastW2VException("Standard input (-) can be read once only.");
        Sources = paths.Count == 1 ? [new CorpusSource(paths[0])]
            : paths.Select(p => new CorpusSource(p, allowEmpty: true)).ToArray();
        if (Sources.Count > 1 && Sources.All(s => !s.IsStreamed && s.Length == 0))
            throw new FastW2VException("Every training file is empty.");
    }

    public bool IsSingle => Sources.Count == 1;
    /// <summary>Every file with its links followed, in reading order (what a checkpoint records).</summary>
    public IReadOnlyList<string> ResolvedPaths => [.. Sources.Select(s => s.ResolvedPath)];
    /// <summary>Any part is read as a stream: it cannot be read again (to resume, or to count twice).</summary>
    public bool HasStream => Sources.Any(s => s.IsStandardInput || s.IsPipe);
    public string DisplayName =>
        IsSingle ? Sources[0].DisplayName : $"{Sources.Count} files ({Sources[0].DisplayName}, …)";
}
