using FastW2V.Storage;
using FastW2V.Formats;
using FastW2V.Kernels;
using FastW2V.Kernels.Blocked;

namespace FastW2V.Evaluation;

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
    private const int PanelGroup = 32;       // 256–512 rows: 200–400 KB at d = 200, kept in L2 across a chunk
    /// <summary>3CosMul's ε, added to the denominator.</summary>
    public const float MulEpsilon = 0.001f;
    /// <summary>compute-accuracy counts its first five sections as semantic, the rest as syntactic.</summary>
    public const int SemanticSections = 5;
    /// <summary>compute-accuracy's vocabulary: the 30,000 most frequent words answer every question.</summary>
    public const int Restrict = 30000;

    /// <summary>Answers every question with the <paramref name="restrict"/> most frequent words (the file's first
    /// ones), as compute-accuracy does.</summary>
    /// <param name="threads">0: every core.</param>
    public static AnalogyReport Evaluate(WordVectors vectors, AnalogyQuestions questions, int restrict = Restrict,
        int threads = 0, AnalogyMethod method = AnalogyMethod.Add)
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
            answers = Answer(unit, n, seen.Select(s => (s.A, s.B, s.C)).ToArray(), method, threads);

        var correct = new int[totals.Length];
        var seenCount = new int[totals.Length];
        for (int i = 0; i < seen.Count; i++)
        {
            var q = seen[i].Q;
            seenCount[q.Section]++;
            if (answers[i] >= 0 && index.Folded(answers[i]) == VocabularyIndex.Fold(q.D)) correct[q.Section]++;
        }
        var sections = questions.Sections
            .Select((name, s) => new SectionScore(name, correct[s], seenCount[s], totals[s]))
            .ToList();
        return new AnalogyReport(sections, SectionScore.Sum("semantic", sections.Take(SemanticSections)),
            SectionScore.Sum("syntactic", sections.Skip(SemanticSections)), SectionScore.Sum("total", sections),
            n, method, questions.MalformedLines, clock.Elapsed);
    }

    /// <summary>
    /// The answer row of each (a, b, c) question among the first <paramref name="rows"/> rows of
    /// <paramref name="unit"/>, or −1 when no word qualifies, with the vector width of
    /// <paramref name="path"/> (default: this process's). Every width gives the same answers.
    /// </summary>
    internal static int[] Answer(EmbeddingMatrix unit, int rows, (int A, int B, int C)[] questions,
        AnalogyMethod method, int threads = 0, InstructionSet? path = null) =>
        (path ?? InstructionSetSupport.Best) == InstructionSet.V512
            ? Answer<Float512>(unit, rows, questions, method, threads)
            : Answer<Float256>(unit, rows, questions, method, threads);

    private static int[] Answer<TVec>(EmbeddingMatrix unit, int rows, (int A, int B, int C)[] questions,
        AnalogyMethod method, int threads)
        where TVec : struct, IFloatVector<TVec>
    {
        using var panels = new RowPanels(unit, rows, TVec.Count);
        var answers = new int[questions.Length];
        int chunks = (questions.Length + ChunkQuestions - 1) / ChunkQuestions;
        var parallel =
            new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount };
        Parallel.For(0, chunks, parallel, chunk =>
        {
            int first = chunk * ChunkQuestions, count = Math.Min(ChunkQuestions, questions.Length - first);
            AnswerChunk<TVec>(unit, panels, questions.AsSpan(first, count), method, answers.AsSpan(first, count));
        });
        return answers;
    }

    private static void AnswerChunk<TVec>(EmbeddingMatrix unit, RowPanels panels,
        ReadOnlySpan<(int A, int B, int C)> questions, AnalogyMethod method, Span<int> answers)
        where TVec : struct, IFloatVector<TVec>
    {
        int w = TVec.Count, block = RowPanels.QueryBlock<TVec>();
        int d = unit.Dimension, rows = panels.Rows;
        int groups = (questions.Length + block - 1) / block;
        int vectorsPerGroup = method == AnalogyMethod.Add ? 1 : 3; // b − a + c; or a, b and c, one block each
        // Query vectors, then per question the lane-wise best score and its panel, then a group's scores.
        using var buffer = new AlignedBuffer(
            ((long)groups * vectorsPerGroup * block * d + 2L * questions.Length * w + 6L * block * w) * sizeof(float));
        float* queries = (float*)buffer.Pointer;
        float* best = queries + (long)groups * vectorsPerGroup * block * d;
        float* bestPanel = best + (long)questions.Length * w;
        float* scores = bestPanel + (long)questions.Length * w;
        PrepareQueries<TVec>(unit, questions, method, block, queries, best, bestPanel);
        var one = TVec.Broadcast(1f);
        var half = TVec.Broadcast(0.5f);
        var epsilon = TVec.Broadcast(MulEpsilon);
        for (int group = 0; group < panels.Panels; group += PanelGroup)
        {
            int groupEnd = Math.Min(panels.Panels, group + PanelGroup);
            for (int g = 0; g < groups; g++)
            {
                int q0 = g * block, q1 = Math.Min(questions.Length, q0 + block);
                for (int p = group; p < groupEnd; p += 2)
                {
                    int pair = Math.Min(2, groupEnd - p); // two panels per pass where there are two
                    for (int j = 0; j < vectorsPerGroup; j++)
                    {
                        float* queryBlock = queries + ((long)g * vectorsPerGroup + j) * block * d;
                        if (pair == 2) panels.Score<TVec, Rows2>(queryBlock, d, p, scores + j * 2 * block * w);
                        else panels.Score<TVec, Rows1>(queryBlock, d, p, scores + j * 2 * block * w);
                    }
                    for (int half2 = 0; half2 < pair; half2++)
                    {
                        int panel = p + half2;
                        var outside = TVec.GreaterThanOrEqual(TVec.Indices, TVec.Broadcast(rows - panel * w));
                        float* panelScores = scores + half2 * block * w; // vector j's scores start at j·2·block·w
                        for (int q = q0; q < q1; q++)
                        {
                            int slot = q - q0;
                            TVec score;
                            if (method == AnalogyMethod.Add) score = TVec.Load(panelScores + slot * w);
                            else
                            {
                                // cos′ = (cos + 1) / 2 keeps every factor positive (Levy and Goldberg).
                                var ca = TVec.Multiply(TVec.Add(TVec.Load(panelScores + slot * w), one), half);
                                var cb =
                                    TVec.Multiply(TVec.Add(TVec.Load(panelScores + (2 * block + slot) * w), one), half);
                                var cc =
                                    TVec.Multiply(TVec.Add(TVec.Load(panelScores + (4 * block + slot) * w), one), half);
                                score = TVec.Divide(TVec.Multiply(cb, cc), TVec.Add(ca, epsilon));
                            }
                            Update<TVec>(best + q * w, bestPanel + q * w, score, panel, outside, questions[q]);
                        }
                    }
                }
            }
        }
        PickAnswers(best, bestPanel, w, answers);
    }

    /// <summary>
    /// Writes each question's query vectors into its group's block (b − a + c for 3CosAdd; a, b and c for
    /// 3CosMul) and starts its lane-wise best score and panel.
    /// </summary>
    private static void PrepareQueries<TVec>(EmbeddingMatrix unit, ReadOnlySpan<(int A, int B, int C)> questions,
        AnalogyMethod method, int block, float* queries, float* best, float* bestPanel)
        where TVec : struct, IFloatVector<TVec>
    {
        int w = TVec.Count, d = unit.Dimension;
        for (int q = 0; q < questions.Length; q++)
        {
            var (a, b, c) = questions[q];
            float* ra = unit.Row(a), rb = unit.Row(b), rc = unit.Row(c);
            int g = q / block, slot = q % block;
            if (method == AnalogyMethod.Add)
            {
                float* query = queries + ((long)g * block + slot) * d;
                for (int k = 0; k < d; k++) query[k] = rb[k] - ra[k] + rc[k]; // compute-accuracy's order
            }
            else
                for (int j = 0; j < 3; j++)
                    new Span<float>(j == 0 ? ra : j == 1 ? rb : rc, d)
                        .CopyTo(new Span<float>(queries + ((3L * g + j) * block + slot) * d, d));
            // compute-accuracy starts at 0: a question whose scores are all ≤ 0 gets no answer.
            TVec.Store(TVec.Broadcast(method == AnalogyMethod.Add ? 0f : float.NegativeInfinity), best + q * w);
            TVec.Store(TVec.Broadcast(-1f), bestPanel + q * w);
        }
    }

    /// <summary>
    /// Each question's answer from its <paramref name="w"/> lanes: the best score, the lower row of two equal
    /// ones, −1 when no lane found a word.
    /// </summary>
    private static void PickAnswers(float* best, float* bestPanel, int w, Span<int> answers)
    {
        for (int q = 0; q < answers.Length; q++)
        {
            float value = float.NegativeInfinity;
            int row = -1;
            for (int lane = 0; lane < w; lane++)
            {
                float v = best[q * w + lane];
                int p = (int)bestPanel[q * w + lane];
                if (p < 0) continue;
                int r = p * w + lane;
                if (v > value || (v == value && r < row)) { value = v; row = r; }
            }
            answers[q] = row;
        }
    }

    /// <summary>
    /// Lane-wise "first strictly greater" keeps, per lane, compute-accuracy's sequential choice. The
    /// lane's row is panel·width + lane, so only the panel is kept (as a float: exact below 2^24 panels).
    /// </summary>
    private static void Update<TVec>(float* best, float* bestPanel, TVec score, int panel, TVec outside,
        (int A, int B, int C) q)
        where TVec : struct, IFloatVector<TVec>
    {
        int first = panel * TVec.Count;
        var excluded = outside;
        // a, b and c are never answers: mask their lanes in the panels that hold them.
        if ((uint)(q.A - first) < (uint)TVec.Count)
            excluded = TVec.Or(excluded, TVec.Equals(TVec.Indices, TVec.Broadcast(q.A - first)));
        if ((uint)(q.B - first) < (uint)TVec.Count)
            excluded = TVec.Or(excluded, TVec.Equals(TVec.Indices, TVec.Broadcast(q.B - first)));
        if ((uint)(q.C - first) < (uint)TVec.Count)
            excluded = TVec.Or(excluded, TVec.Equals(TVec.Indices, TVec.Broadcast(q.C - first)));
        var better = TVec.AndNot(TVec.GreaterThan(score, TVec.Load(best)), excluded);
        TVec.Store(TVec.Select(better, score, TVec.Load(best)), best);
        TVec.Store(TVec.Select(better, TVec.Broadcast(panel), TVec.Load(bestPanel)), bestPanel);
    }
}
