using FastW2V.Corpus;
using FastW2V.Training;
using FastW2V.Vocabularies;

namespace FastW2V;

/// <summary>
/// What ties a checkpoint to its run: the command, the working folder, the corpus file (path, size,
/// modification time) and the token count its positions index. A resumed run must match all of them.
/// </summary>
internal static class CheckpointIdentity
{
    /// <summary>The header every checkpoint of this run carries.</summary>
    public static CheckpointFile Header(IReadOnlyList<string> arguments, CorpusSource source, Vocabulary vocabulary,
        long tokens)
    {
        var info = new FileInfo(source.ResolvedPath);
        return new CheckpointFile
        {
            Arguments = [.. arguments], WorkingDirectory = Environment.CurrentDirectory, CorpusPath = info.FullName,
            CorpusLength = info.Length, CorpusModified = info.LastWriteTimeUtc, Vocabulary = vocabulary,
            State = new TrainingState { WordsDone = 0, Workers = [] }, TokenCount = tokens,
        };
    }

    /// <summary>A resumed run must read the corpus the checkpoint was trained on.</summary>
    public static void CheckSameCorpus(CheckpointFile checkpoint, CorpusSource source)
    {
        var info = new FileInfo(source.ResolvedPath);
        if (info.FullName == checkpoint.CorpusPath && info.Length == checkpoint.CorpusLength
            && info.LastWriteTimeUtc == checkpoint.CorpusModified) return;
        throw new FastW2VException($"The corpus '{source.Path}' is not the one the checkpoint was written from "
            + $"({checkpoint.CorpusPath}, {checkpoint.CorpusLength:N0} bytes, modified {checkpoint.CorpusModified:u}): "
            + "cannot resume.");
    }

    /// <summary>The corpus must encode to the token stream the checkpoint's positions index.</summary>
    public static void CheckSameTokens(CheckpointFile checkpoint, long tokens)
    {
        if (tokens != checkpoint.TokenCount)
            throw new FastW2VException($"The corpus now encodes to {tokens:N0} tokens, the checkpoint's run to "
                + $"{checkpoint.TokenCount:N0}: cannot resume.");
    }
}
