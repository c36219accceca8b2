namespace FastW2V.Cli;

/// <summary>
/// word2vec.c compatibility: <c>fw2v -train FILE -output FILE ...</c> (no subcommand, single-dash
/// flags) means <c>fw2v train ...</c>. The train command declares every word2vec.c flag as an alias,
/// so only the subcommand has to be supplied here (and -binary's 0/1 spelled as a bool). Started under
/// the name of one of word2vec.c's programs (<see cref="DropIns"/>), fw2v runs that program: word2vec
/// and word2phrase here, as train and phrases; the others in <see cref="DropInPrograms"/>.
/// </summary>
public static class ClassicArguments
{
    /// <summary>word2vec.c's programs, by the names its scripts call them: fw2v runs each under its name.</summary>
    public static IReadOnlyList<string> DropIns { get; } =
        ["word2vec", "word2phrase", "distance", "word-analogy", "compute-accuracy"];

    private static readonly HashSet<string> Flags =
    [
        "-train", "-output", "-size", "-window", "-sample", "-hs", "-negative", "-threads", "-iter",
        "-min-count", "-alpha", "-binary", "-cbow", "-save-vocab", "-read-vocab", "-debug", "-classes",
    ];

    /// <summary>word2vec.c's flags, which stand for <c>fw2v train</c>'s when they come first.</summary>
    public static IReadOnlyCollection<string> Names => Flags;

    /// <param name="args">The arguments after the program's name.</param>
    /// <param name="program">The name fw2v was started under (a link's), or null.</param>
    public static string[] Translate(string[] args, string? program = null)
    {
        if (program is "word2vec" or "word2phrase") args = [program, .. args];
        // word2vec and word2phrase are train and phrases; alone, they show their usage as the C tools do.
        if (args is ["word2vec" or "word2phrase", .. var rest])
            args = [args[0] == "word2vec" ? "train" : "phrases", .. rest.Length == 0 ? ["--help"] : rest];
        if (args.Length > 0 && Flags.Contains(args[0])) args = ["train", .. args];
        // word2vec.c's "-binary 1" and fw2v's "--binary" are one option: a bool option takes "true" or
        // "false" after it (so that "--binary in.txt" leaves the file alone), so 0 and 1 become those.
        var result = (string[])args.Clone();
        for (int i = 0; i + 1 < result.Length; i++)
            if (result[i] is "-binary" or "--binary" && result[i + 1] is "0" or "1")
                result[i + 1] = result[i + 1] == "1" ? "true" : "false";
        return result;
    }
}
