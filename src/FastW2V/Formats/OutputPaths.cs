namespace FastW2V.Formats;

/// <summary>
/// Two outputs of one run naming the same file would leave only the last one, and an output naming an
/// input would replace it: both refused before any work.
/// </summary>
public static class OutputPaths
{
    /// <summary>Throws a one-line <see cref="FastW2VException"/> when two outputs, or an output and an input, are one
    /// file.</summary>
    /// <param name="outputs">Files the run writes (null paths are skipped), each with what it is.</param>
    /// <param name="inputs">Files the run reads: no output may replace one of them.</param>
    public static void CheckDistinct(IEnumerable<(string? Path, string What)> outputs,
        IEnumerable<(string? Path, string What)>? inputs = null)
    {
        var seen = new Dictionary<string, string>();
        foreach (var (path, what) in inputs ?? [])
            if (!string.IsNullOrEmpty(path) && path != "-") seen.TryAdd(FileKinds.Resolve(path), what);
        if (outputs.Count(o => o.Path == AtomicFile.StandardOutput) > 1)
            throw new FastW2VException("Only one output can be standard output (-).");
        foreach (var (path, what) in outputs)
        {
            if (path == null || path == AtomicFile.StandardOutput) continue;
            string target = AtomicFile.Target(path, what);
            // Writing twice to /dev/null or a terminal loses nothing.
            if (FileKinds.Of(target) is FileKind.CharacterDevice) continue;
            if (seen.TryGetValue(target, out var first))
                throw new FastW2VException($"The {first} and the {what} are the same file '{target}': give each its "
                    + $"own path.");
            seen[target] = what;
        }
    }
}
