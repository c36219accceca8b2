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

    /// <summary>
    /// Reads questions as compute-accuracy reads its standard input: words separated by white space (line
    /// breaks mean nothing), four to a question, where a ":" in a question's first place ends the section
    /// and the word after it names the next one. compute-accuracy upper-cases that first word and takes
    /// EXIT there as it takes ":", so this does too. An unfinished question at the end is counted as
    /// malformed; no question at all is an empty set (compute-accuracy reports 0 of 0).
    /// </summary>
    public static AnalogyQuestions ReadWords(TextReader reader)
    {
        var sections = new List<string>();
        var questions = new List<AnalogyQuestion>();
        int malformed = 0;
        using var words = Words(reader).GetEnumerator();
        var q = new string[4];
        while (words.MoveNext())
        {
            q[0] = words.Current.ToUpperInvariant();
            if (q[0] is ":" or "EXIT")
            {
                if (!words.MoveNext()) break;
                sections.Add(words.Current);
                continue;
            }
            int count = 1;
            while (count < 4 && words.MoveNext()) q[count++] = words.Current.ToUpperInvariant();
            if (count < 4) { malformed++; break; }
            if (sections.Count == 0) sections.Add("(no section)");
            questions.Add(new AnalogyQuestion(sections.Count - 1, q[0], q[1], q[2], q[3]));
        }
        return new AnalogyQuestions(sections, questions, malformed);
    }

    /// <summary>The words of a text, split at the white space C's scanf("%s") stops at.</summary>
    private static IEnumerable<string> Words(TextReader reader)
    {
        var word = new System.Text.StringBuilder();
        for (int c = reader.Read(); ; c = reader.Read())
        {
            if (c is ' ' or '\t' or '\n' or '\v' or '\f' or '\r' or -1)
            {
                if (word.Length > 0) yield return word.ToString();
                word.Clear();
                if (c < 0) yield break;
            }
            else word.Append((char)c);
        }
    }
}
