using System.Globalization;
using FastW2V.Training;

namespace FastW2V;

/// <summary>
/// A trainer to compare with: fw2v itself, word2vec.c or fastText's command line, and how each is told
/// to train the same job (fastText without subwords, -minn 0 -maxn 0, and with the same learning rate,
/// so that all three train the same model).
/// </summary>
/// <param name="Name">fw2v, word2vec or fasttext.</param>
/// <param name="Program">The program to start.</param>
/// <param name="Prefix">Arguments before the job's (for fw2v run by dotnet: its dll).</param>
public sealed record Peer(string Name, string Program, IReadOnlyList<string> Prefix)
{
    /// <summary>The peers fw2v knows how to drive, by the names --vs takes.</summary>
    public static IReadOnlyList<string> Known { get; } = ["word2vec", "fasttext"];

    /// <summary>Parses "word2vec=PATH,fasttext=PATH".</summary>
    public static IReadOnlyList<Peer> Parse(string text)
    {
        var peers = new List<Peer>();
        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int eq = part.IndexOf('=');
            string name = eq > 0 ? part[..eq] : "", path = eq > 0 ? part[(eq + 1)..] : "";
            if (!Known.Contains(name) || path.Length == 0)
                throw new FastW2VException($"--vs takes NAME=PATH pairs with NAME among {string.Join(", ", Known)} "
                    + $"(got '{part}').");
            peers.Add(new Peer(name, path, []));
        }
        if (peers.Count == 0) throw new FastW2VException("--vs needs at least one NAME=PATH.");
        return peers;
    }

    /// <summary>The arguments that train <paramref name="o"/> on <paramref name="corpus"/> with <paramref
    /// name="threads"/> threads, writing binary vectors to <paramref name="output"/>.</summary>
    public IReadOnlyList<string> Arguments(TrainingOptions o, string corpus, string output, int threads)
    {
        string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        string alpha = o.StartingAlpha.ToString("R", CultureInfo.InvariantCulture);
        bool cbow = o.Architecture == Architecture.Cbow;
        if (Name == "fasttext")
            return [.. Prefix, cbow ? "cbow" : "skipgram", "-input", corpus, "-output", output, "-dim",
                $"{o.Dimension}",
                "-ws", $"{o.Window}", "-neg", $"{o.Negative}", "-loss", o.HierarchicalSoftmax ? "hs" : "ns",
                "-t", F(o.Sample), "-epoch", $"{o.Iterations}", "-thread", $"{threads}", "-minCount", "5",
                "-minn", "0", "-maxn", "0", "-lr", alpha, "-verbose", "0"];
        string[] job = ["-train", corpus, "-output", output, "-cbow", cbow ? "1" : "0", "-size", $"{o.Dimension}",
            "-window", $"{o.Window}", "-negative", $"{o.Negative}", "-hs", o.HierarchicalSoftmax ? "1" : "0",
            "-sample", F(o.Sample), "-iter", $"{o.Iterations}", "-threads", $"{threads}", "-min-count", "5",
            "-alpha", alpha, "-binary", "1"];
        return Name == "fw2v" ? [.. Prefix, .. job, "-debug", "0"] : [.. Prefix, .. job];
    }
}
