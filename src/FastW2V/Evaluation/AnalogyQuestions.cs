namespace FastW2V.Evaluation;

/// <summary>A questions-words.txt style file: ": section" lines, then four words per line.</summary>
public sealed class AnalogyQuestions
{
    /// <summary>The section names (": name" lines), in file order.</summary>
    public IReadOnlyList<string> Sections { get; }
    /// <summary>Every question, upper-cased as compute-accuracy compares them.</summary>
    public IReadOnlyList<AnalogyQuestion> Questions { get; }
    /// <summary>Lines that were neither a section nor four words (counted, not fatal).</summary>
    public int MalformedLines { get; }

    private AnalogyQuestions(List<string> sections, List<AnalogyQuestion> questions, int malformed)
    {
        Sections = sections;
        Questions = questions;
        MalformedLines = malformed;
    }

    /// <summary>Reads a questions-words.txt-style file; a malformed line is counted and skipped.</summary>
    /// <param name="path">The file, or "-" for standard input.</param>
    public static AnalogyQuestions Read(string path)
    {
        var sections = new List<string>();
        var questions = new List<AnalogyQuestion>();
        int malformed = 0;
        foreach (var raw in Formats.FileInput.ReadLines(path, "questions file"))
        {
            var parts = raw.Split([' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0) continue;
            if (parts[0] == ":")
            {
                sections.Add(parts.Length > 1 ? parts[1] : $"section {sections.Count + 1}");
                continue;
            }
            if (parts.Length != 4) { malformed++; continue; }
            if (sections.Count == 0) sections.Add("(no section)");
            // compute-accuracy compares upper-cased words.
            questions.Add(new AnalogyQuestion(sections.Count - 1, parts[0].ToUpperInvariant(),
                parts[1].ToUpperInvariant(), parts[2].ToUpperInvariant(), parts[3].ToUpperInvariant()));
        }
        if (questions.Count == 0) throw new FastW2VException(
                $"{Formats.StandardStreams.Describe(path)}: no question of four words found.");
        return new AnalogyQuestions(sections, questions, malformed);
    }
}
