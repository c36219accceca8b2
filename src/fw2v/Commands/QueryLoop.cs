using System.CommandLine;
using System.Text;
using FastW2V.Evaluation;
using FastW2V.Formats;

namespace FastW2V.Cli.Commands;

/// <summary>
/// The interactive loop of word2vec.c's distance and word-analogy, printing what they print: a prompt,
/// then for each line read "Word: X  Position in vocabulary: N" per word, "Out of dictionary word!" at
/// the first unknown one, or a header and the 40 best words by cosine ("%50s\t\t%f"). The line "EXIT"
/// or the end of the input ends it (the C tools read on past the end forever).
/// </summary>
internal sealed class QueryLoop
{
    /// <summary>How many answers the C tools print (their N).</summary>
    public const int Answers = 40;

    /// <summary>distance: the words' vectors summed; answers above −1; an unknown word is at position −1.</summary>
    public static QueryLoop Distance { get; } = new("distance", "Enter word or sentence (EXIT to break): ",
        "       Cosine distance", false);

    /// <summary>
    /// word-analogy: b − a + c of its first three words; answers above 0. It reports an unknown word at
    /// position 0 and so also takes the vocabulary's first word (&lt;/s&gt;) as out of dictionary.
    /// </summary>
    public static QueryLoop WordAnalogy { get; } = new("word-analogy", "Enter three words (EXIT to break): ",
        "              Distance", true);

    private readonly string _name;
    private readonly string _prompt;
    private readonly string _header;
    private readonly bool _analogy;

    private QueryLoop(string name, string prompt, string scoreTitle, bool analogy)
    {
        _name = name;
        _prompt = prompt;
        _header = $"\n{"Word",50}{scoreTitle}\n{new string('-', 72)}\n";
        _analogy = analogy;
    }

    /// <summary><c>fw2v distance FILE</c> or <c>fw2v word-analogy FILE</c>, reading <paramref name="input"/>.</summary>
    public Command Command(TextReader input, TextWriter output)
    {
        var vectors = new Argument<string?>("vectors")
        {
            Description = "Vector file (word2vec.c's binary format, or text).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        string what = _analogy
            ? "word2vec.c's word-analogy: the 40 words nearest to b - a + c for each line's a b c"
            : "word2vec.c's distance: the 40 words nearest to each line's word (or words, summed)";
        var command = new Command(_name, $"{what}, in its output format.") { vectors };
        command.SetAction(parse => Start(parse.GetValue(vectors), input, output));
        return command;
    }

    /// <summary>The program on the vector file <paramref name="path"/>; without one, its usage.</summary>
    public int Start(string? path, TextReader input, TextWriter output)
    {
        if (path is null or "--help" or "-h")
        {
            // Without a file the C tools print their usage and succeed.
            output.Write($"Usage: {_name} <FILE>\nwhere FILE contains word projections (binary or text format)\n");
            return 0;
        }
        using var v = VectorFileReader.Read(path);
        Run(v, input, output, terminal: ReferenceEquals(input, Console.In) && !Console.IsInputRedirected);
        return 0;
    }

    /// <param name="terminal">The input is a terminal: end the last prompt's line at Ctrl-D.</param>
    public void Run(WordVectors vectors, TextReader input, TextWriter output, bool terminal)
    {
        using var neighbours = new NearestNeighbours(vectors);
        while (true)
        {
            output.Write(_prompt);
            string? line = ReadLine(input);
            if (line == null && terminal) output.Write('\n');
            if (line is null or "EXIT") return;
            Answer(neighbours, vectors, Words(line), output);
        }
    }

    private void Answer(NearestNeighbours neighbours, WordVectors vectors, List<string> words, TextWriter output)
    {
        if (_analogy && words.Count < 3)
        {
            output.Write($"Only {words.Count} words were entered.. three words are needed at the input "
                + "to perform the calculation\n");
            return;
        }
        int unknown = _analogy ? 0 : -1;
        var rows = new List<int>();
        foreach (string word in words)
        {
            int row = vectors.Find(word);
            if (row < 0) row = unknown;
            output.Write($"\nWord: {word}  Position in vocabulary: {row}\n");
            if (row == unknown)
            {
                output.Write("Out of dictionary word!\n");
                return;
            }
            rows.Add(row);
        }
        output.Write(_header);
        // word-analogy: b − a + c, its further words excluded from the answers but not added.
        List<(int Row, float Sign)> terms = _analogy
            ? [(rows[1], 1f), (rows[0], -1f), (rows[2], 1f), .. rows.Skip(3).Select(r => (r, 0f))]
            : rows.Select(r => (r, 1f)).ToList();
        float floor = _analogy ? 0 : -1;
        var best = neighbours.Closest(terms, Answers, floor);
        // The C tools print all N lines: the ones no word reached keep an empty word and the floor.
        for (int i = 0; i < Answers; i++)
        {
            string word = i < best.Count ? vectors.GetWord(best[i].Row) : "";
            float score = i < best.Count ? best[i].Score : floor;
            // %50s pads by bytes.
            int pad = Math.Max(0, 50 - Encoding.UTF8.GetByteCount(word));
            output.Write($"{new string(' ', pad)}{word}\t\t{PrintfFormat.Fixed(score, 6)}\n");
        }
    }

    /// <summary>
    /// The words of a line split as the C tools split it: at each single space, where a word's first
    /// character is taken even if it is a space (two spaces make a word " b") and a space at the end of
    /// the line leaves an empty last word.
    /// </summary>
    internal static List<string> Words(string line)
    {
        var words = new List<string>();
        for (int start = 0; ; )
        {
            int end = Math.Min(start + 1, line.Length);
            while (end < line.Length && line[end] != ' ') end++;
            words.Add(line[start..end]);
            if (end >= line.Length) return words;
            start = end + 1;
        }
    }

    /// <summary>A line up to '\n' (a '\r' stays, as in the C tools); null at the end of the input.</summary>
    private static string? ReadLine(TextReader input)
    {
        var line = new StringBuilder();
        for (int c = input.Read(); c != '\n'; c = input.Read())
        {
            if (c < 0) return line.Length > 0 ? line.ToString() : null;
            line.Append((char)c);
        }
        return line.ToString();
    }
}
