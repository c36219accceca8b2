using System.Runtime.Intrinsics;
using FastW2V.Formats;
using FastW2V.Kernels;

namespace FastW2V.Evaluation;

public sealed record SectionScore(string Name, int Correct, int Seen, int Total)
{
    public double Accuracy => Seen > 0 ? (double)Correct / Seen : 0;
}

public sealed record AnalogyReport(IReadOnlyList<SectionScore> Sections, SectionScore Semantic, SectionScore Syntactic,
    SectionScore Overall, int Restrict, AnalogyMethod Method, int MalformedLines, TimeSpan Elapsed);

/// <summary>3CosAdd (word2vec.c's compute-accuracy) or 3CosMul (Levy and Goldberg 2014).</summary>
public enum AnalogyMethod { Add, Mul }

/// <summary>
/// word2vec.c's compute-accuracy protocol, exactly: keep the first <c>restrict</c> words of the file
/// (vector files are in frequency order), normalise them to unit length, compare words upper-cased,
/// skip a question unless all four words are kept, and answer with the word of highest dot product
/// with b − a + c among the kept words other than a, b and c, counting only a score above 0 (3CosAdd).
/// A question is right when the answer's upper-cased spelling equals d's. Semantic = the first five
/// sections. With <see cref="AnalogyMethod.Mul"/>: the word maximising
/// cos′(x, b)·cos′(x, c) / (cos′(x, a) + 0.001) with cos′ = (cos + 1) / 2.
/// All questions are answered by one blocked matrix product over <see cref="RowPanels"/>, split across
/// threads by question.
/// </summary>
public static unsafe class AnalogyEvaluator
{
    private const int ChunkQuestions = 256;  // per task: the rows are streamed once per chunk
    private const int PanelGroup = 32;       // 512 rows: about 400 KB at d = 200, kept in L2 across a chunk
    public const float MulEpsilon = 0.001f;

    public static AnalogyReport Evaluate(WordVectors vectors, AnalogyQuestions questions, int restrict = 30000, int threads = 0,
        AnalogyMethod method = AnalogyMethod.Add)
    {
        if (restrict < 1) throw new FastW2VException($"restrict must be at least 1 (got {restrict}).");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        int n = Math.Min(restrict, vectors.Count);
        var index = new VocabularyIndex(vectors, n);
        var seen = new List<(AnalogyQuestion Q, int A, int B, int C)>();
        var totals = new int[questions.Sections.Count];
        foreach (var q in questions.Questions)
        {
            totals[q.Section]++;
            int a = index.Find(q.A), b = index.Find(q.B), c = index.Find(q.C);
            if (a >= 0 && b >= 0 && c >= 0 && index.Find(q.D) >= 0) seen.Add((q, a, b, c));
        }
        int[] answers;
        using (var unit = UnitVectors.Normalize(vectors, n))
        using (var panels = new RowPanels(unit, n))
            answers = Answer(unit, panels, seen.Select(s => (s.A, s.B, s.C)).ToArray(), method, threads);

        var correct = new int[totals.Length];
        var seenCount = new int[totals.Length];
        for (int i = 0; i < seen.Count; i++)
        {
            var q = seen[i].Q;
            seenCount[q.Section]++;
            if (answers[i] >= 0 && index.Folded(answers[i]) == VocabularyIndex.Fold(q.D)) correct[q.Section]++;
        }
        var sections = questions.Sections.Select((name, s) => new SectionScore(name, correct[s], seenCount[s], totals[s])).ToList();
        SectionScore Sum(string name, IEnumerable<SectionScore> parts) =>
            parts.Aggregate(new SectionScore(name, 0, 0, 0), (acc, p) => acc with { Correct = acc.Correct + p.Correct, Seen = acc.Seen + p.Seen, Total = acc.Total + p.Total });
        return new AnalogyReport(sections, Sum("semantic", sections.Take(5)), Sum("syntactic", sections.Skip(5)),
            Sum("total", sections), n, method, questions.MalformedLines, clock.Elapsed);
    }

    /// <summary>The answer row of each (a, b, c) question, or −1 when no word qualifies.</summary>
    public static int[] Answer(EmbeddingMatrix unit, RowPanels panels, (int A, int B, int C)[] questions, AnalogyMethod method, int threads = 0)
    {
        var answers = new int[questions.Length];
        int chunks = (questions.Length + ChunkQuestions - 1) / ChunkQuestions;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount };
        Parallel.For(0, chunks, parallel, chunk =>
        {
            int first = chunk * ChunkQuestions, count = Math.Min(ChunkQuestions, questions.Length - first);
            AnswerChunk(unit, panels, questions.AsSpan(first, count), method, answers.AsSpan(first, count));
        });
        return answers;
    }

    private static void AnswerChunk(EmbeddingMatrix unit, RowPanels panels, ReadOnlySpan<(int A, int B, int C)> questions,
        AnalogyMethod method, Span<int> answers)
    {
        const int B = RowPanels.QueryBlock, W = RowPanels.Width;
        int d = unit.Dimension, rows = panels.Rows;
        int groups = (questions.Length + B - 1) / B;           // 8 questions per group
        int vectorsPerGroup = method == AnalogyMethod.Add ? 1 : 3; // b − a + c; or a, b and c, one block each
        // Query vectors, then per question the lane-wise best score and row, then the scores of a group.
        using var buffer = new AlignedBuffer(((long)groups * vectorsPerGroup * B * d + 2L * questions.Length * W + 6L * B * W) * sizeof(float));
        float* queries = (float*)buffer.Pointer;
        var best = (Vector512<float>*)(queries + (long)groups * vectorsPerGroup * B * d);
        var bestRow = (Vector512<int>*)(best + questions.Length);
        float* scores = (float*)(bestRow + questions.Length);
        for (int q = 0; q < questions.Length; q++)
        {
            var (a, b, c) = questions[q];
            float* ra = unit.Row(a), rb = unit.Row(b), rc = unit.Row(c);
            int g = q / B, slot = q % B;
            if (method == AnalogyMethod.Add)
            {
                float* query = queries + ((long)g * B + slot) * d;
                for (int k = 0; k < d; k++) query[k] = rb[k] - ra[k] + rc[k]; // compute-accuracy's order
            }
            else
                for (int j = 0; j < 3; j++)
                    new Span<float>(j == 0 ? ra : j == 1 ? rb : rc, d).CopyTo(new Span<float>(queries + ((3L * g + j) * B + slot) * d, d));
            // compute-accuracy starts at 0: a question whose scores are all ≤ 0 gets no answer.
            best[q] = method == AnalogyMethod.Add ? Vector512<float>.Zero : Vector512.Create(float.NegativeInfinity);
            bestRow[q] = Vector512.Create(-1);
        }
        var lanes = Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        var one = Vector512<float>.One;
        var half = Vector512.Create(0.5f);
        var epsilon = Vector512.Create(MulEpsilon);
        for (int group = 0; group < panels.Panels; group += PanelGroup)
        {
            int groupEnd = Math.Min(panels.Panels, group + PanelGroup);
            for (int g = 0; g < groups; g++)
            {
                int q0 = g * B, q1 = Math.Min(questions.Length, q0 + B);
                for (int p = group; p < groupEnd; p += 2)
                {
                    int pair = Math.Min(2, groupEnd - p); // two panels per pass where there are two
                    for (int j = 0; j < vectorsPerGroup; j++)
                    {
                        float* block = queries + ((long)g * vectorsPerGroup + j) * B * d;
                        if (pair == 2) panels.Score8x2(block, d, p, scores + j * 2 * B * W);
                        else panels.Score8(block, d, p, scores + j * 2 * B * W);
                    }
                    for (int half2 = 0; half2 < pair; half2++)
                    {
                        var rowIds = Vector512.Create((p + half2) * W) + lanes;
                        var outside = Vector512.GreaterThanOrEqual(rowIds, Vector512.Create(rows));
                        float* panelScores = scores + half2 * B * W; // vector j's scores start at j·2·B·W
                        for (int q = q0; q < q1; q++)
                        {
                            int slot = q - q0;
                            Vector512<float> score;
                            if (method == AnalogyMethod.Add) score = Vector512.Load(panelScores + slot * W);
                            else
                            {
                                // cos′ = (cos + 1) / 2 keeps every factor positive (Levy and Goldberg).
                                var ca = (Vector512.Load(panelScores + slot * W) + one) * half;
                                var cb = (Vector512.Load(panelScores + (2 * B + slot) * W) + one) * half;
                                var cc = (Vector512.Load(panelScores + (4 * B + slot) * W) + one) * half;
                                score = cb * cc / (ca + epsilon);
                            }
                            Update(ref best[q], ref bestRow[q], score, rowIds, outside, questions[q]);
                        }
                    }
                }
            }
        }
        for (int q = 0; q < questions.Length; q++)
        {
            float value = float.NegativeInfinity;
            int row = -1;
            for (int lane = 0; lane < W; lane++)
            {
                float v = best[q].GetElement(lane);
                int r = bestRow[q].GetElement(lane);
                if (r < 0) continue;
                if (v > value || (v == value && r < row)) { value = v; row = r; }
            }
            answers[q] = row;
        }
    }

    /// <summary>Lane-wise "first strictly greater" keeps, per lane, compute-accuracy's sequential choice.</summary>
    private static void Update(ref Vector512<float> best, ref Vector512<int> bestRow, Vector512<float> score, Vector512<int> rowIds,
        Vector512<int> outside, (int A, int B, int C) q)
    {
        var excluded = outside | Vector512.Equals(rowIds, Vector512.Create(q.A)) | Vector512.Equals(rowIds, Vector512.Create(q.B))
            | Vector512.Equals(rowIds, Vector512.Create(q.C));
        var better = Vector512.GreaterThan(score, best) & ~excluded.AsSingle();
        best = Vector512.ConditionalSelect(better, score, best);
        bestRow = Vector512.ConditionalSelect(better.AsInt32(), rowIds, bestRow);
    }
}
