using System.Globalization;
using System.Text;
using FastW2V.Evaluation;
using FastW2V.Formats;

namespace FastW2V.Tests.Evaluation;

/// <summary>The library's parts of word2vec.c's distance, word-analogy and compute-accuracy.</summary>
public class ClassicProgramTests
{
    private static WordVectors Vectors(TempFolder temp, params (string Word, float[] V)[] words)
    {
        var text = new StringBuilder($"{words.Length} {words[0].V.Length}\n");
        foreach (var (w, v) in words)
            text.Append(w).Append(' ').AppendJoin(' ', v.Select(x => x.ToString("R", CultureInfo.InvariantCulture)))
                .Append('\n');
        return VectorFileReader.Read(temp.Write("v.txt", text.ToString()));
    }

    [Test]
    public void Closest_keeps_the_earlier_of_equal_scores_and_only_scores_above_the_floor()
    {
        using var temp = new TempFolder();
        using var v = Vectors(temp,
            ("a", [1, 0]), ("b", [0, 1]), ("c", [2, 0]), ("d", [1, 1]), ("e", [-1, 0]), ("f", [3, 0]));
        using var nn = new NearestNeighbours(v);
        // c and f score 1 (c first, as distance lists it), d 1/√2, b 0; e's −1 is not above distance's floor.
        var all = nn.Closest([(0, 1f)], 40, -1);
        Assert.That(all.Select(x => v.GetWord(x.Row)), Is.EqualTo(new[] { "c", "f", "d", "b" }));
        Assert.That(nn.Closest([(0, 1f)], 1, -1).Single().Row, Is.EqualTo(2));
        Assert.That(nn.Closest([(0, 1f)], 40, 0).Select(x => v.GetWord(x.Row)), Is.EqualTo(new[] { "c", "f", "d" }));
        // A term of sign 0 is left out of the answers but not added: word-analogy's fourth word.
        Assert.That(nn.Closest([(0, 1f), (2, 0f)], 40, -1).Select(x => v.GetWord(x.Row)),
            Is.EqualTo(new[] { "f", "d", "b" }));
    }

    /// <summary>distance's loops written out in C#: each product rounded, then added in order.</summary>
    private static List<(int Row, float Score)> Reference(float[][] rows, int[] words)
    {
        var unit = rows.Select(r =>
        {
            float length = 0;
            foreach (float x in r) length += x * x;
            float norm = (float)Math.Sqrt(length);
            return r.Select(x => x / norm).ToArray();
        }).ToArray();
        int d = rows[0].Length;
        var query = new float[d];
        foreach (int w in words)
            for (int j = 0; j < d; j++) query[j] += unit[w][j];
        float len = 0;
        for (int j = 0; j < d; j++) len += query[j] * query[j];
        len = (float)Math.Sqrt(len);
        for (int j = 0; j < d; j++) query[j] /= len;
        var scores = new List<(int Row, float Score)>();
        for (int r = 0; r < rows.Length; r++)
        {
            if (words.Contains(r)) continue;
            float s = 0;
            for (int j = 0; j < d; j++) s += query[j] * unit[r][j];
            scores.Add((r, s));
        }
        return scores.OrderByDescending(x => x.Score).ThenBy(x => x.Row).Take(40).ToList();
    }

    [Test]
    public void Closest_computes_distances_to_the_bit_as_distance_does()
    {
        var random = new Random(7);
        var rows = Enumerable.Range(0, 3000)
            .Select(_ => Enumerable.Range(0, 37).Select(_ => (float)random.NextDouble() - 0.5f).ToArray()).ToArray();
        using var temp = new TempFolder();
        using var v = Vectors(temp, rows.Select((r, i) => ($"w{i}", r)).ToArray());
        using var nn = new NearestNeighbours(v);
        foreach (int[] words in new[] { new[] { 5 }, [17, 2999], [0, 1, 2] })
        {
            var got = nn.Closest(words.Select(w => (w, 1f)).ToList(), 40, -1);
            Assert.That(got, Is.EqualTo(Reference(rows, words)), string.Join(' ', words));
        }
    }

    [Test]
    public void Questions_are_read_word_by_word_as_compute_accuracy_reads_them()
    {
        string text = ": capital\nAthens greece\nbaghdad\tiraq\n: second\nh i j k\nexit third\nl m n o\np q r\n";
        var q = AnalogyQuestions.ReadWords(new StringReader(text));
        Assert.That(q.Sections, Is.EqualTo(new[] { "capital", "second", "third" }));
        Assert.That(q.Questions, Is.EqualTo(new[]
        {
            new AnalogyQuestion(0, "ATHENS", "GREECE", "BAGHDAD", "IRAQ"), // one question over two lines
            new AnalogyQuestion(1, "H", "I", "J", "K"),
            new AnalogyQuestion(2, "L", "M", "N", "O"),                    // "exit" ends a section, as ":" does
        }));
        Assert.That(q.MalformedLines, Is.EqualTo(1), "the unfinished question at the end");
        Assert.That(AnalogyQuestions.ReadWords(new StringReader("")).Questions, Is.Empty);
    }

    [Test]
    public void A_report_gives_the_running_totals_compute_accuracy_prints_after_each_section()
    {
        var sections = Enumerable.Range(0, 7).Select(i => new SectionScore($"s{i}", i, 10, 20)).ToList();
        var report = new AnalogyReport(sections, SectionScore.Sum("semantic", sections.Take(5)),
            SectionScore.Sum("syntactic", sections.Skip(5)), SectionScore.Sum("total", sections), 30000,
            AnalogyMethod.Add, 0, TimeSpan.Zero);
        var (semantic, syntactic, total) = report.Through(2);
        Assert.That((semantic.Correct, semantic.Seen, syntactic.Seen, total.Correct, total.Total),
            Is.EqualTo((3, 30, 0, 3, 60)));
        (semantic, syntactic, total) = report.Through(6);
        Assert.That((semantic.Correct, syntactic.Correct, syntactic.Seen), Is.EqualTo((10, 11, 20)));
        Assert.That(total, Is.EqualTo(report.Overall));
    }
}
