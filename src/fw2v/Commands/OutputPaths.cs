using FastW2V.Formats;

namespace FastW2V.Cli.Commands;

/// <summary>Two outputs of one run naming the same file would leave only the last one: refused.</summary>
internal static class OutputPaths
{
    public static void CheckDistinct(IEnumerable<(string? Path, string What)> outputs)
    {
        var seen = new Dictionary<string, string>();
        foreach (var (path, what) in outputs)
        {
            if (path == null) continue;
            string target = AtomicFile.Target(path, what);
            // Writing twice to /dev/null or a terminal loses nothing.
            if (FileKinds.Of(target) is FileKind.CharacterDevice) continue;
            if (seen.TryGetValue(target, out var first))
                throw new FastW2VException($"The {first} and the {what} are the same file '{target}': give each its own path.");
            seen[target] = what;
        }
    }
}
