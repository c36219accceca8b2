using FastW2V.Formats;
using FastW2V.Kernels;

namespace FastW2V.Evaluation;

public sealed record SectionScore(string Name, int Correct, int Seen, int Total)
{
    public double Accuracy => Seen > 0 ? (double)Correct / Seen : 0;
}

public sealed record AnalogyReport(IReadOnlyList<SectionScore> Sections, SectionScore Semantic, SectionScore Syntactic,
    SectionScore Overall, int Restrict, TimeSpan Elapsed);

/// <summary>
/// word2vec.c's compute-accuracy protocol, exactly: keep the first <c>restrict</c> words of the file
/// (vector files are in frequency order), normalise them to unit length, compare words upper-cased,
/// skip a question unless all four words are kept, and answer with the word of highest dot product
/// with b − a + c among the kept words other than a, b and c (3CosAdd). A question counts as right when
/// the answer's upper-cased spelling equals d's. Semantic = the first five sections.
/// </summary>
public static unsafe class AnalogyEvaluator
{
    private const int QuestionBlock = 32;
    private const int RowBlock = 512;

    public static AnalogyReport Evaluate(WordVectors vectors, AnalogyQuestions questions, int restrict = 30000, int threads = 0)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        int n = Math.Min(restrict, vectors.Count);
        int stride = vectors.Vectors.Stride, dim = vectors.Dimension;
        var upper = new string[n];
        var index = new Dictionary<string, int>(n, StringComparer.Ordinal);
        for (int i = 0; i < n; i++)
        {
            upper[i] = vectors.GetWord(i).ToUpperInvariant();
            index.TryAdd(upper[i], i); // the first (most frequent) spelling wins, as in compute-accuracy
        }
        using var unit = UnitVectors.Normalize(vectors, n);

        var seen = new List<(AnalogyQuestion Q, int A, int B, int C)>();
        var totals = new int[questions.Sections.Count];
        foreach (var q in questions.Questions)
        {
            totals[q.Section]++;
            if (index.TryGetValue(q.A, out int a) && index.TryGetValue(q.B, out int b) && index.TryGetValue(q.C, out int c) && index.ContainsKey(q.D))
                seen.Add((q, a, b, c));
        }

        var answers = new int[seen.Count];
        int blocks = (seen.Count + QuestionBlock - 1) / QuestionBlock;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount };
        float* rows = unit.Data;
        Parallel.For(0, blocks, parallel, () => new EmbeddingMatrix(QuestionBlock, dim), (block, _, queries) =>
        {
            int first = block * QuestionBlock, count = Math.Min(QuestionBlock, seen.Count - first);
            Span<float> best = stackalloc float[QuestionBlock];
            Span<int> bestIndex = stackalloc int[QuestionBlock];
            for (int k = 0; k < count; k++)
            {
                var (_, a, b, c) = seen[first + k];
                float* query = queries.Row(k);
                for (int j = 0; j < stride; j++) query[j] = rows[(long)b * stride + j] - rows[(long)a * stride + j] + rows[(long)c * stride + j];
                best[k] = 0f; // compute-accuracy starts at 0: a question whose scores are all ≤ 0 gets no answer
                bestIndex[k] = -1;
            }
            // Blocked: a block of rows stays in cache while every query of the block is scored against it.
            for (int r0 = 0; r0 < n; r0 += RowBlock)
            {
                int r1 = Math.Min(n, r0 + RowBlock);
                for (int k = 0; k < count; k++)
                {
                    var (_, a, b, c) = seen[first + k];
                    float* query = queries.Row(k);
                    float bk = best[k];
                    int bi = bestIndex[k];
                    for (int r = r0; r < r1; r++)
                    {
                        float d = Dot(query, rows + (long)r * stride, stride);
                        if (d > bk && r != a && r != b && r != c) { bk = d; bi = r; }
                    }
                    best[k] = bk;
                    bestIndex[k] = bi;
                }
            }
            for (int k = 0; k < count; k++) answers[first + k] = bestIndex[k];
            return queries;
        }, queries => queries.Dispose());

        var correct = new int[totals.Length];
        var seenCount = new int[totals.Length];
        for (int i = 0; i < seen.Count; i++)
        {
            var q = seen[i].Q;
            seenCount[q.Section]++;
            if (answers[i] >= 0 && upper[answers[i]] == q.D) correct[q.Section]++;
        }
        var sections = questions.Sections.Select((name, s) => new SectionScore(name, correct[s], seenCount[s], totals[s])).ToList();
        SectionScore Sum(string name, IEnumerable<SectionScore> parts) =>
            parts.Aggregate(new SectionScore(name, 0, 0, 0), (acc, p) => acc with { Correct = acc.Correct + p.Correct, Seen = acc.Seen + p.Seen, Total = acc.Total + p.Total });
        return new AnalogyReport(sections, Sum("semantic", sections.Take(5)), Sum("syntactic", sections.Skip(5)),
            Sum("total", sections), n, clock.Elapsed);
    }

    private static float Dot(float* a, float* b, int n) => SimdSupport.Best switch
    {
        SimdPath.V512 => VectorKernelsV512.Dot(a, b, n),
        SimdPath.V256 => VectorKernelsV256.Dot(a, b, n),
        _ => VectorKernelsScalar.Dot(a, b, n),
    };
}
