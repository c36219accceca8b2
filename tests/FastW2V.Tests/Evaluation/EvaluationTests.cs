using FastW2V.Storage;
using System.Text;
using System.Text.Json;
using FastW2V.Evaluation;
using FastW2V.Formats;

namespace FastW2V.Tests.Evaluation;

/// <summary>Evaluation on hand-made vectors whose right answers are known by construction.</summary>
public class EvaluationTests
{
    // Axes: 0 = person, 1 = female, 2 = royal, 3 = fruit, 4 = city, 5 = country-of (a city's country).
    private static readonly (string Word, float[] V)[] Words =
    [
        ("man",    [1, 0, 0, 0, 0, 0]),
        ("woman",  [1, 1, 0, 0, 0, 0]),
        ("king",   [1, 0, 1, 0, 0, 0]),
        ("Queen",  [1, 1, 1, 0, 0, 0]),   // capitalised: matching is case-insensitive
        ("apple",  [0, 0, 0, 1, 0, 0]),
        ("pear",   [0, 0.1f, 0, 1, 0, 0]),
        ("paris",  [0, 0, 0, 0, 1, 0]),
        ("france", [0, 0, 0, 0, 1, 1]),
        ("rome",   [0, 0, 0.1f, 0, 1, 0]),
        ("italy",  [0, 0, 0.1f, 0, 1, 1]),
        ("berlin", [0, 0, 0, 0.1f, 1, 0]),
        ("rare",   [0.3f, 0.3f, 0.3f, 0.3f, 0.3f, 0.3f]),
    ];

    private static string WriteVectors(TempFolder temp, bool binary = false)
    {
        var sb = new StringBuilder($"{Words.Length} 6\n");
        foreach (var (w, v) in Words) sb.Append(w).Append(' ').AppendJoin(' ', v.Select(x => x.ToString(System.Globalization.CultureInfo.InvariantCulture))).Append('\n');
        string text = temp.Write("v.txt", sb.ToString());
        if (!binary) return text;
        using var vectors = VectorFileReader.Read(text);
        string path = temp.File("v.bin");
        VectorFileWriter.Write(path, vectors, binary: true);
        return path;
    }

    private static string WriteQuestions(TempFolder temp) => temp.Write("q.txt", """
        : capital-common-countries
        paris france rome italy
        rome italy paris france
        paris france berlin germany
        : family
        man woman king queen
        MAN WOMAN KING QUEEN
        king queen man woman
        man woman apple pear
        man woman king
        """);

    [TestCase(AnalogyMethod.Add, false)]
    [TestCase(AnalogyMethod.Mul, false)]
    [TestCase(AnalogyMethod.Add, true)]
    public void Analogies_known_by_construction_are_answered_and_counted(AnalogyMethod method, bool binary)
    {
        using var temp = new TempFolder();
        using var v = VectorFileReader.Read(WriteVectors(temp, binary));
        var q = AnalogyQuestions.Read(WriteQuestions(temp));
        Assert.That(q.MalformedLines, Is.EqualTo(1), "the three-word line is counted and skipped");
        var r = AnalogyEvaluator.Evaluate(v, q, restrict: 30000, threads: 2, method);
        // germany is not in the file: that question is not seen. apple + (woman − man) = pear.
        Assert.That(r.Sections.Select(s => (s.Name, s.Correct, s.Seen, s.Total)), Is.EqualTo(new[]
        {
            ("capital-common-countries", 2, 2, 3),
            ("family", 4, 4, 4),
        }));
        Assert.That(r.Overall.Correct, Is.EqualTo(6));
        Assert.That(r.Semantic.Seen, Is.EqualTo(6));
        Assert.That(r.Syntactic.Seen, Is.Zero);
    }

    [Test]
    public void Restrict_keeps_only_the_first_words_of_the_file()
    {
        using var temp = new TempFolder();
        using var v = VectorFileReader.Read(WriteVectors(temp));
        var q = AnalogyQuestions.Read(WriteQuestions(temp));
        var r = AnalogyEvaluator.Evaluate(v, q, restrict: 4); // man woman king queen
        Assert.That(r.Overall.Seen, Is.EqualTo(3));
        Assert.That(r.Overall.Correct, Is.EqualTo(3));
    }

    public static IEnumerable<FastW2V.Kernels.InstructionSet> VectorPaths =>
        FastW2V.Kernels.InstructionSetSupport.Supported.Where(p => p != FastW2V.Kernels.InstructionSet.Scalar);

    [Test]
    public void Many_questions_and_rows_agree_with_a_plain_scan([ValueSource(nameof(VectorPaths))] FastW2V.Kernels.InstructionSet path)
    {
        // More rows than one panel group and more questions than one chunk: the blocked product, the
        // lane-wise argmax and the chunking must give what a direct loop gives.
        const int rows = 1500, dim = 24;
        var rng = new Random(5);
        var words = Enumerable.Range(0, rows).Select(i => Encoding.UTF8.GetBytes($"w{i}")).ToList();
        var matrix = new FastW2V.Storage.EmbeddingMatrix(rows, dim);
        for (int r = 0; r < rows; r++) foreach (ref float x in matrix.RowSpan(r)) x = (float)(rng.NextDouble() - 0.5);
        using var v = new WordVectors(words, matrix);
        using var unit = UnitVectors.Normalize(v, rows);
        var questions = Enumerable.Range(0, 700).Select(_ => (rng.Next(rows), rng.Next(rows), rng.Next(rows))).ToArray();
        foreach (var method in new[] { AnalogyMethod.Add, AnalogyMethod.Mul })
        {
            var answers = AnalogyEvaluator.Answer(unit, rows, questions, method, threads: 2, path);
            for (int i = 0; i < questions.Length; i++)
            {
                var (a, b, c) = questions[i];
                int expected = -1;
                float best = method == AnalogyMethod.Add ? 0 : float.NegativeInfinity;
                for (int r = 0; r < rows; r++)
                {
                    if (r == a || r == b || r == c) continue;
                    float score;
                    if (method == AnalogyMethod.Add)
                    {
                        score = 0;
                        for (int k = 0; k < dim; k++) score = MathF.FusedMultiplyAdd(unit.RowSpan(b)[k] - unit.RowSpan(a)[k] + unit.RowSpan(c)[k], unit.RowSpan(r)[k], score);
                    }
                    else
                    {
                        float Cos(int x) { float s = 0; for (int k = 0; k < dim; k++) s = MathF.FusedMultiplyAdd(unit.RowSpan(x)[k], unit.RowSpan(r)[k], s); return (s + 1) * 0.5f; }
                        score = Cos(b) * Cos(c) / (Cos(a) + AnalogyEvaluator.MulEpsilon);
                    }
                    if (score > best) { best = score; expected = r; }
                }
                Assert.That(answers[i], Is.EqualTo(expected), $"{method} question {i}");
            }
        }
    }

    [Test]
    public void Nearest_neighbours_and_one_analogy()
    {
        using var temp = new TempFolder();
        using var v = VectorFileReader.Read(WriteVectors(temp));
        using var nn = new NearestNeighbours(v);
        Assert.That(nn.Query(["apple"], 1)![0].Word, Is.EqualTo("pear"));
        Assert.That(nn.Query(["paris"], 2)!.Select(x => x.Word), Is.EquivalentTo(new[] { "rome", "berlin" }));
        Assert.That(nn.Analogy("man", "woman", "king", 1)![0].Word, Is.EqualTo("Queen"));
        Assert.That(nn.Query(["nosuchword"], 3), Is.Null);
    }

    [Test]
    public void Spearman_ranks_ties_by_their_average_rank()
    {
        Assert.That(SpearmanCorrelation.Ranks([10, 20, 20, 30]), Is.EqualTo(new[] { 1, 2.5, 2.5, 4 }));
        Assert.That(SpearmanCorrelation.Ranks([5, 5, 5]), Is.EqualTo(new[] { 2.0, 2, 2 }));
        // By hand: ranks x = 1 2.5 2.5 4, y = 1 3 2 4; Σdxdy = 4.5, Σdx² = 4.5, Σdy² = 5 → 4.5/√22.5.
        Assert.That(SpearmanCorrelation.Compute([1, 2, 2, 3], [1, 3, 2, 4]), Is.EqualTo(4.5 / Math.Sqrt(22.5)).Within(1e-12));
        Assert.That(SpearmanCorrelation.Compute([1, 2, 3], [30, 20, 10]), Is.EqualTo(-1).Within(1e-12));
        Assert.That(SpearmanCorrelation.Compute([1, 2, 3], [7, 7, 7]), Is.NaN);
    }

    [Test]
    public void Similarity_files_with_headers_comments_crlf_and_spaces_are_read()
    {
        using var temp = new TempFolder();
        string path = temp.Write("pairs.txt", "# a comment\r\nWord 1\tWord 2\tHuman (mean)\r\napple\tpear\t9.5\r\nking  Queen   8\r\n\r\nman\tapple\t1.0\r\nparis rome\r\nman\tnowhere\t3\r\n");
        var pairs = SimilarityPairs.Read(path);
        Assert.That(pairs.HadHeader);
        Assert.That(pairs.MalformedLines, Is.EqualTo(1));
        Assert.That(pairs.Pairs, Has.Count.EqualTo(4));
        using var v = VectorFileReader.Read(WriteVectors(temp));
        var score = SimilarityEvaluator.Evaluate(v, pairs);
        Assert.That((score.Used, score.OutOfVocabulary, score.Total), Is.EqualTo((3, 1, 4)));
        // cos(apple, pear) ≈ 0.995 > cos(king, queen) ≈ 0.816 > cos(man, apple) = 0: same order as the scores.
        Assert.That(score.Spearman, Is.EqualTo(1).Within(1e-12));
    }

    [Test]
    public void A_folder_of_pair_files_is_evaluated_file_by_file()
    {
        string folder = TestData.RequireShared(Path.Combine(TestData.Shared, "eval", "word-sim"));
        var files = SimilarityPairs.Expand([folder]);
        Assert.That(files, Has.Count.EqualTo(13));
        foreach (var f in files) Assert.That(SimilarityPairs.Read(f).Pairs, Is.Not.Empty, f);
    }
}
