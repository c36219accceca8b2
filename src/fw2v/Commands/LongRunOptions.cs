using FastW2V.Vocabularies;
using System.CommandLine;
using System.CommandLine.Parsing;
using FastW2V.Corpus;
using FastW2V.Formats;
using FastW2V.Training;

namespace FastW2V.Cli.Commands;

/// <summary>
/// `fw2v train`'s options for long runs: checkpoints, resume, starting vectors, and --force past the
/// memory and disk checks; and what resuming takes (the stored command, the corpus's identity).
/// </summary>
internal sealed class LongRunOptions
{
    public readonly Option<string?> Checkpoint = new("--checkpoint")
    {
        Description = "Write a checkpoint here (atomically) every --checkpoint-every minutes, after each epoch and when stopped by a signal.",
    };
    public readonly Option<double> CheckpointEvery = new("--checkpoint-every")
    {
        Description = "Minutes between checkpoints.", DefaultValueFactory = _ => 10,
    };
    public readonly Option<string?> Resume = new("--resume")
    {
        Description = "Continue the run saved in this checkpoint (alone: options, corpus and outputs come from it).",
    };
    public readonly Option<string?> InitVectors = new("--init-vectors")
    {
        Description = "Start from these vectors (text or binary): words present keep theirs (fastText's -pretrainedVectors).",
    };
    public readonly Option<bool> Force = new("--force")
    {
        Description = "Run even when the memory or disk estimate exceeds what the machine has.",
    };

    public IEnumerable<Option> All => [Checkpoint, CheckpointEvery, Resume, InitVectors, Force];

    /// <summary>The arguments of this train command as typed (what a checkpoint stores to resume with).</summary>
    public static string[] Arguments(ParseResult parse) =>
        parse.Tokens.Where(t => t.Type != TokenType.Command).Select(t => t.Value).ToArray();

    /// <summary>`--resume FILE` must come alone: the run's options are the checkpoint's.</summary>
    public void CheckResumeAlone(ParseResult parse)
    {
        if (parse.Tokens.Count(t => t.Type == TokenType.Option && t.Value != "--force") > 1)
            throw new FastW2VException("--resume FILE takes no other option but --force: the run's options, corpus and outputs are the checkpoint's.");
    }

    /// <summary>The corpus must encode to the token stream the checkpoint's positions index.</summary>
    public static void CheckSameTokens(CheckpointFile checkpoint, long tokens)
    {
        if (tokens != checkpoint.TokenCount)
            throw new FastW2VException($"The corpus now encodes to {tokens:N0} tokens, the checkpoint's run to {checkpoint.TokenCount:N0}: cannot resume.");
    }

    public void Validate(ParseResult parse, CorpusSource source, bool evalEveryEpoch)
    {
        string? checkpoint = parse.GetValue(Checkpoint);
        double every = parse.GetValue(CheckpointEvery);
        if (!(every > 0)) throw new FastW2VException($"--checkpoint-every must be a positive number of minutes (got {every}).");
        if (checkpoint == null) return;
        if (source.IsStandardInput || source.IsPipe) throw new FastW2VException("--checkpoint needs a corpus file: standard input or a pipe cannot be read again to resume.");
        if (evalEveryEpoch) throw new FastW2VException("--checkpoint and --eval-every-epoch cannot be combined.");
        AtomicFile.CheckWritable(checkpoint, "checkpoint file");
    }

    /// <summary>The header every checkpoint of this run carries.</summary>
    public static CheckpointFile Header(string[] arguments, CorpusSource source, Vocabulary vocabulary, long tokens)
    {
        var info = new FileInfo(source.ResolvedPath);
        return new CheckpointFile
        {
            Arguments = arguments, WorkingDirectory = Environment.CurrentDirectory, CorpusPath = info.FullName,
            CorpusLength = info.Length, CorpusModified = info.LastWriteTimeUtc, Vocabulary = vocabulary,
            State = new TrainingState { WordsDone = 0, Workers = [] }, TokenCount = tokens,
        };
    }

    /// <summary>A resumed run must read the corpus the checkpoint was trained on.</summary>
    public static void CheckSameCorpus(CheckpointFile checkpoint, CorpusSource source)
    {
        var info = new FileInfo(source.ResolvedPath);
        if (info.FullName != checkpoint.CorpusPath || info.Length != checkpoint.CorpusLength || info.LastWriteTimeUtc != checkpoint.CorpusModified)
            throw new FastW2VException($"The corpus '{source.Path}' is not the one the checkpoint was written from "
                + $"({checkpoint.CorpusPath}, {checkpoint.CorpusLength:N0} bytes, modified {checkpoint.CorpusModified:u}): cannot resume.");
    }
}
