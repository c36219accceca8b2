using FastW2V.Corpus;
using FastW2V.Formats;
using FastW2V.Training;
using FastW2V.Vocabularies;

namespace FastW2V;

/// <summary>
/// What ties a checkpoint to its run: the command, the working folder, the corpus files (path, size,
/// modification time, in reading order) and the token count its positions index. A resumed run must
/// match all of them.
/// </summary>
internal static class CheckpointIdentity
{
    /// <summary>A checkpoint is read again (twice) to resume: it must be a file, not standard output, a pipe
    /// or a device.</summary>
    public static void CheckTarget(string path)
    {
        if (path == AtomicFile.StandardOutput)
            throw new FastW2VException("--checkpoint - would write the checkpoint to standard output: a checkpoint "
                + "must be a file (it is read again to resume).");
        var kind = FileKinds.Of(AtomicFile.Target(path, "checkpoint"));
        if (kind is FileKind.Fifo or FileKind.CharacterDevice)
            throw new FastW2VException($"--checkpoint {path} is a {(kind == FileKind.Fifo ? "FIFO" : "device")}: a "
                + "checkpoint must be a file (it is read again to resume).");
    }

    /// <summary>The header every checkpoint of this run carries (<paramref name="corpusFiles"/>: resolved
    /// paths, in the order the run reads them).</summary>
    public static CheckpointFile Header(IReadOnlyList<string> arguments, IReadOnlyList<string> corpusFiles,
        Vocabulary vocabulary, long tokens) => new()
    {
        Arguments = [.. arguments], WorkingDirectory = Environment.CurrentDirectory,
        Corpus = [.. corpusFiles.Select(CorpusFileIdentity.Of)], Vocabulary = vocabulary,
        State = new TrainingState { WordsDone = 0, Workers = [] }, TokenCount = tokens,
    };

    /// <summary>The header of a run that reads one corpus file.</summary>
    public static CheckpointFile Header(IReadOnlyList<string> arguments, CorpusSource source, Vocabulary vocabulary,
        long tokens) => Header(arguments, [source.ResolvedPath], vocabulary, tokens);

    /// <summary>A resumed run must read the corpus files the checkpoint was trained on, in the same order.</summary>
    public static void CheckSameCorpus(CheckpointFile checkpoint, IReadOnlyList<string> corpusFiles)
    {
        var now = corpusFiles.Select(CorpusFileIdentity.Of).ToArray();
        var then = checkpoint.Corpus;
        if (now.Length != then.Count)
            throw new FastW2VException($"The checkpoint was written from {then.Count} corpus file(s), this run reads "
                + $"{now.Length}: cannot resume.");
        for (int i = 0; i < now.Length; i++)
        {
            if (now[i] == then[i]) continue;
            var (path, length, modified) = then[i];
            throw new FastW2VException($"The corpus '{now[i].Path}' is not the one the checkpoint was written from "
                + $"({path}, {length:N0} bytes, modified {modified:u}): cannot resume.");
        }
    }

    /// <summary>A resumed run that reads one corpus file.</summary>
    public static void CheckSameCorpus(CheckpointFile checkpoint, CorpusSource source) =>
        CheckSameCorpus(checkpoint, [source.ResolvedPath]);

    /// <summary>The corpus must encode to the token stream the checkpoint's positions index.</summary>
    public static void CheckSameTokens(CheckpointFile checkpoint, long tokens)
    {
        if (tokens != checkpoint.TokenCount)
            throw new FastW2VException($"The corpus now encodes to {tokens:N0} tokens, the checkpoint's run to "
                + $"{checkpoint.TokenCount:N0}: cannot resume.");
    }
}
