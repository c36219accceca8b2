using System.CommandLine;
using System.Runtime.CompilerServices;

namespace FastW2V.Cli.Commands;

/// <summary>
/// <c>fw2v links DIR</c>: symbolic links named after word2vec.c's programs (<see cref="ClassicArguments.DropIns"/>)
/// to this fw2v, so that scripts calling them run unchanged with DIR on the PATH. Only a missing name or
/// a link to a binary of fw2v's name is (re)made: nothing else is replaced, and a refusal leaves DIR as
/// it was.
/// </summary>
internal static class LinksCommand
{
    public static Command Create(TextWriter output)
    {
        var folder = new Argument<string>("folder") { Description = "The folder to make the links in (it exists)." };
        var command = new Command("links", "Links named word2vec, word2phrase, distance, word-analogy and "
            + "compute-accuracy to this fw2v, which runs each as word2vec.c's program.") { folder };
        command.SetAction(parse =>
        {
            Make(parse.GetValue(folder)!, RunningBinary(), output);
            return 0;
        });
        return command;
    }

    internal static void Make(string folder, string target, TextWriter output)
    {
        if (!Directory.Exists(folder)) throw new FastW2VException($"{folder}: no such folder.");
        var links = ClassicArguments.DropIns.Select(name => Path.Combine(folder, name)).ToList();
        foreach (string link in links)
        {
            var info = new FileInfo(link);
            if (info.LinkTarget is string existing)
            {
                if (Path.GetFileName(existing) == Path.GetFileName(target)) continue;
                throw new FastW2VException($"{link} is a link to {existing}, not to fw2v: not replaced "
                    + "(remove it first).");
            }
            if (info.Exists || Directory.Exists(link))
                throw new FastW2VException($"{link} exists and is not a link to fw2v: not replaced (remove it first).");
        }
        foreach (string link in links)
        {
            // A new link renamed over the old one: the name is never missing, even for a script running now.
            string temporary = Path.Combine(folder, $".{Path.GetFileName(link)}.{Environment.ProcessId}.tmp");
            File.CreateSymbolicLink(temporary, target);
            File.Move(temporary, link, overwrite: true);
            output.WriteLine($"{link} -> {target}");
        }
    }

    /// <summary>
    /// The binary this process runs: NativeAOT's own file (Environment.ProcessPath, links resolved); under
    /// the JIT (dotnet fw2v.dll, a test host) the apphost beside fw2v.dll, which runs the same program.
    /// </summary>
    internal static string RunningBinary()
    {
        string? path = Environment.ProcessPath;
        if (RuntimeFeature.IsDynamicCodeSupported)
        {
            string apphost = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "fw2v.exe" : "fw2v");
            if (File.Exists(apphost)) path = apphost;
        }
        return path ?? throw new FastW2VException("cannot tell which file this fw2v runs from.");
    }
}
