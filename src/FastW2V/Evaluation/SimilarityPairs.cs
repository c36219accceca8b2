using System.Globalization;

namespace FastW2V.Evaluation;

/// <summary>
/// A word-similarity file: "word1 word2 score" per line, separated by tabs or spaces (more columns are
/// ignored), LF or CRLF endings. Blank lines and comment lines (starting with #) are skipped; a first
/// line whose score is not a number is a header. Any other line without a numeric score is malformed:
/// counted, not fatal.
/// </summary>
public sealed class SimilarityPairs
{
    /// <summary>The file's name, as reports show it.</summary>
    public string Name { get; }
    /// <summary>The pairs and their human scores.</summary>
    public IReadOnlyList<SimilarityPair> Pairs { get; }
    /// <summary>Lines that were not "word word score" (skipped).</summary>
    public int MalformedLines { get; }
    /// <summary>The first line was a header (skipped).</summary>
    public bool HadHeader { get; }

    private SimilarityPairs(string name, List<SimilarityPair> pairs, int malformed, bool header)
    {
        Name = name;
        Pairs = pairs;
        MalformedLines = malformed;
        HadHeader = header;
    }

    /// <summary>Reads a word-pair file: two words and a score per line, separated by tabs or spaces.</summary>
    /// <param name="path">The file, or "-" for standard input (named "stdin" in reports).</param>
    public static SimilarityPairs Read(string path)
    {
        var pairs = new List<SimilarityPair>();
        int malformed = 0;
        bool header = false, first = true;
        foreach (var raw in Formats.FileInput.ReadLines(path, "word-pair file"))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            var parts = line.Split([' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries);
            bool numeric = parts.Length >= 3
                && double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out double score)
                && double.IsFinite(score);
            if (!numeric)
            {
                if (first) header = true;
                else malformed++;
                first = false;
                continue;
            }
            first = false;
            pairs.Add(new SimilarityPair(parts[0], parts[1],
                double.Parse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture)));
        }
        if (pairs.Count == 0)
            throw new FastW2VException($"{Formats.StandardStreams.Describe(path)}: no \"word word score\" line found.");
        string name = Formats.StandardStreams.IsStandard(path) ? "stdin" : Path.GetFileNameWithoutExtension(path);
        return new SimilarityPairs(name, pairs, malformed, header);
    }

    /// <summary>The files named: each file itself ("-" too: standard input), each folder's *.txt, *.tsv and *.csv files
    /// in name order.</summary>
    public static IReadOnlyList<string> Expand(IEnumerable<string> paths)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (!Formats.StandardStreams.IsStandard(path) && Directory.Exists(path))
            {
                var inFolder = Directory.GetFiles(path)
                    .Where(f => f.EndsWith(".txt") || f.EndsWith(".tsv") || f.EndsWith(".csv"))
                    .Order(StringComparer.Ordinal).ToList();
                if (inFolder.Count == 0)
                    throw new FastW2VException($"{path}: no .txt, .tsv or .csv file in this folder.");
                files.AddRange(inFolder);
            }
            else files.Add(path);
        }
        return files;
    }
}
