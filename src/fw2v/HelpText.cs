using System.CommandLine;
using System.Text;
using System.Text.RegularExpressions;

namespace FastW2V.Cli;

/// <summary>
/// Help lists every spelling of an option. System.CommandLine shows one of two names that differ only in
/// their dashes ("-size" for "--size" and "-size"), so the README's --size was nowhere in `train --help`;
/// its help builder cannot be customised from outside, so the Options section is rewritten: each row's
/// label gets all the option's names, and the rows are aligned again.
/// </summary>
internal static partial class HelpText
{
    [GeneratedRegex(@"^  (\S.*?)(  +)(\S.*)$")]
    private static partial Regex Row();

    public static string WithEverySpelling(string help, Command command)
    {
        var options = new List<Option>();
        options.AddRange(command.Options);
        var lines = help.Replace("\r\n", "\n").Split('\n');
        int start = Array.IndexOf(lines, "Options:");
        if (start < 0) return help;
        int end = start + 1;
        while (end < lines.Length && lines[end].StartsWith(' ')) end++;
        // Each row: its new label and its description lines (a wrapped description continues, indented).
        var rows = new List<(string Label, List<string> Text)>();
        for (int i = start + 1; i < end; i++)
        {
            var m = Row().Match(lines[i]);
            if (m.Success && m.Groups[1].Value.StartsWith('-'))
                rows.Add((Relabel(m.Groups[1].Value, options), [m.Groups[3].Value]));
            else if (rows.Count > 0) rows[^1].Text.Add(lines[i].Trim());
        }
        int width = rows.Max(r => r.Label.Length) + 2;
        var result = new StringBuilder();
        result.AppendJoin('\n', lines[..(start + 1)]).Append('\n');
        foreach (var (label, text) in rows)
        {
            result.Append("  ").Append(label.PadRight(width)).Append(text[0]).Append('\n');
            foreach (string more in text.Skip(1)) result.Append(' ', width + 2).Append(more).Append('\n');
        }
        result.AppendJoin('\n', lines[end..]);
        if (Examples.TryGetValue(Path(command), out var examples))
            result.Append("Examples:\n").AppendJoin("", examples.Select(e => $"  {e}\n")).Append('\n');
        return result.ToString();
    }

    /// <summary>
    /// "eval analogy", not "analogy": the help page a command's errors and examples belong to ("" for the root).
    /// </summary>
    internal static string Path(Command command) =>
        command is RootCommand ? ""
        : command.Parents.OfType<Command>().FirstOrDefault() is { } parent and not RootCommand
            ? $"{parent.Name} {command.Name}"
            : command.Name;

    /// <summary>One or two typical calls per help page.</summary>
    private static readonly Dictionary<string, string[]> Examples = new()
    {
        [""] = [
            "fw2v -train text.txt -output vectors.bin -cbow 0 -size 100 -window 5 -negative 5 -sample 1e-4 -binary 1",
            "fw2v help train"],
        ["train"] = ["fw2v train --input text.txt --output vectors.bin --cbow 0 --size 300 --iter 5",
            "fw2v -train text.txt -output classes.txt -classes 100",
            "mpirun --hostfile hosts -np 4 --bind-to none fw2v train --mpi --input text.txt --output vectors.bin "
                + "--threads 16"],
        ["vocab"] = ["fw2v vocab -train text.txt -min-count 5 -save-vocab vocab.txt"],
        ["phrases"] = ["fw2v phrases -train text.txt -output phrases1.txt -threshold 200",
            "fw2v phrases -train phrases1.txt -output phrases2.txt -threshold 100"],
        ["classes"] = ["fw2v classes vectors.bin 100 -o classes.txt"],
        ["convert"] = ["fw2v convert vectors.bin vectors.txt", "fw2v convert vectors.txt vectors.bin"],
        ["eval"] = ["fw2v eval analogy vectors.bin questions-words.txt"],
        ["eval analogy"] = ["fw2v eval analogy vectors.bin questions-words.txt --restrict 30000 --json"],
        ["eval similarity"] = ["fw2v eval similarity vectors.bin wordsim353.tsv simlex999.txt"],
        ["nn"] = ["fw2v nn vectors.bin france -k 5", "fw2v nn vectors.bin \"king -man +woman\""],
        ["analogy"] = ["fw2v analogy vectors.bin man woman king"],
        ["bench"] = ["fw2v bench --threads 1,2 --repeat 3"],
        ["plot"] = ["fw2v plot vectors.bin france king computer -k 8 -o map.svg"],
        ["plot-loss"] = ["fw2v train -i text.txt -o v.bin --json > run.json && fw2v plot-loss run.json -o loss.svg"],
        ["export"] = ["fw2v export projector vectors.bin projector/ --limit 10000"],
        ["export projector"] = ["fw2v export projector vectors.bin projector/ --limit 10000"],
        ["distance"] = ["fw2v distance vectors.bin", "fw2v links ~/bin && distance vectors.bin"],
        ["word-analogy"] = ["fw2v word-analogy vectors.bin"],
        ["compute-accuracy"] = ["fw2v compute-accuracy vectors.bin 30000 < questions-words.txt"],
        ["links"] = ["fw2v links ~/bin"],
    };

    /// <summary>
    /// "-size &lt;size&gt;" → "-size, --size &lt;size&gt;": every name of the option the label shows.
    /// </summary>
    private static string Relabel(string label, List<Option> options)
    {
        int value = label.IndexOf(" <", StringComparison.Ordinal);
        string names = value < 0 ? label : label[..value], rest = value < 0 ? "" : label[value..];
        var shown = names.Split(", ").ToHashSet();
        var option = options.FirstOrDefault(o => shown.Contains(o.Name) || o.Aliases.Any(shown.Contains));
        if (option == null) return label;
        var all = new[] { option.Name }.Concat(option.Aliases).Distinct()
            .OrderBy(n => n.TrimStart('-').Length).ThenBy(n => n.Length).ThenBy(n => n, StringComparer.Ordinal);
        return string.Join(", ", all) + rest;
    }
}
