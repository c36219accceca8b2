using System.CommandLine;
using System.CommandLine.Parsing;

namespace FastW2V.Cli.Commands;

/// <summary>
/// `fw2v train`'s options for long runs: checkpoints, resume, starting vectors, and --force past the
/// memory and disk checks.
/// </summary>
internal sealed class LongRunOptions
{
    public readonly Option<string?> Checkpoint = new("--checkpoint")
    {
        Description = "Write a checkpoint here (atomically) every --checkpoint-every minutes, after each epoch "
            + "and when stopped by a signal.",
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
        Description = "Start from these vectors (text or binary): words present keep theirs "
            + "(fastText's -pretrainedVectors).",
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
            throw new FastW2VException(
                "--resume FILE takes no other option but --force: the run's options, corpus and outputs are "
                + "the checkpoint's.");
    }

    /// <summary>Minutes between checkpoints, as the library takes them.</summary>
    public TimeSpan Every(ParseResult parse)
    {
        double minutes = parse.GetValue(CheckpointEvery);
        if (!(minutes > 0) || minutes > TimeSpan.MaxValue.TotalMinutes)
            throw new FastW2VException($"--checkpoint-every must be a positive number of minutes (got {minutes}).");
        return TimeSpan.FromMinutes(minutes);
    }
}
