namespace FastW2V.Training;

/// <summary>
/// One corpus file a checkpoint's run read, as the file system describes it: a resumed run must find
/// every file with the same full path, size and modification time (UTC), or its offsets mean nothing.
/// </summary>
internal sealed record CorpusFileIdentity(string Path, long Length, DateTime Modified)
{
    /// <summary>The file as it is now (links followed by the caller: <paramref name="resolvedPath"/>).</summary>
    public static CorpusFileIdentity Of(string resolvedPath)
    {
        var info = new FileInfo(resolvedPath);
        return new CorpusFileIdentity(info.FullName, info.Length, info.LastWriteTimeUtc);
    }
}
