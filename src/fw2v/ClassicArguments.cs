namespace FastW2V.Cli;

/// <summary>
/// word2vec.c compatibility: <c>fw2v -train FILE -output FILE ...</c> (no subcommand, single-dash
/// flags) means <c>fw2v train ...</c>. The train command declares every word2vec.c flag as an alias,
/// so only the subcommand has to be supplied here.
/// </summary>
public static class ClassicArguments
{
    private static readonly HashSet<string> Flags =
    [
        "-train", "-output", "-size", "-window", "-sample", "-hs", "-negative", "-threads", "-iter",
        "-min-count", "-alpha", "-binary", "-cbow", "-save-vocab", "-read-vocab", "-debug", "-classes",
    ];

    public static string[] Translate(string[] args) =>
        args.Length > 0 && Flags.Contains(args[0]) ? ["train", .. args] : args;
}
