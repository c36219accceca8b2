using FastW2V.Storage;
using FastW2V.Kernels.Update;
using FastW2V.Kernels;
using FastW2V.Sampling;
using FastW2V.Training.Batched;
using FastW2V.Training.Losses;

namespace FastW2V.Training.Loops;

/// <summary>
/// CBOW in batches (the default): B centre words (<c>--cbow-batch</c>) form the hidden matrix H (one row
/// per window: the sum or mean of its context rows) and are trained together:
/// <list type="bullet">
/// <item>negative sampling: each row against its own word (the diagonal, label 1) and all rows against one
/// shared draw of K negatives (label 0; a negative equal to a row's own word is masked out for that row);</item>
/// <item>hierarchical softmax: all rows against the union of their Huffman paths, each cell labelled by
/// that row's code or masked when the node is not on its path;</item>
/// </list>
/// each head as one batched update (<see cref="IUpdateKernels"/>) from the rows as they were at the
/// batch's start; ΔH then goes back to every context row of each window (times 1/n with
/// <c>--cbow-exact-gradient</c>, <see cref="SentenceContext.CbowDivide"/>).
/// <para>
/// The batch's centres are strided, not consecutive: the buffer (whole sentences packed to at least
/// 1000 words) is cut into B segments of at least one window span (2·window + 1) and batch t takes the
/// t-th word of each. So no two windows of a batch share a context row, and each segment is trained in
/// order, every window seeing the previous one's update, as in word2vec.c. With consecutive centres a
/// context row sat in up to B windows of one batch and took B steps computed from the same stale rows,
/// which costs accuracy the more the larger B is.
/// </para>
/// Sharing the draw saves K − K/B draws per window and loads the K negative rows once for B windows. The
/// next batch's negatives are drawn ahead and their rows prefetched, with the context rows it adds.
/// </summary>
internal static unsafe class CbowBatchLoop<TKernels, TUpdate>
    where TKernels : struct, IVectorKernels where TUpdate : struct, IUpdateKernels
{
    public static (double Loss, long Examples) Train(in SentenceContext c, TrainingScratch s, int length, float alpha,
        ref FastRandom rng, ref NegativeStream negatives)
    {
        int stride = c.Stride;
        int* sentence = s.Sentence;
        var ns = c.Ns;
        c.DrawWindows(s, length, ref rng);
        int streams = Math.Clamp(length / (2 * c.Window + 1), 1, c.CbowBatch);
        int segment = (length + streams - 1) / streams;
        int* positions = stackalloc int[streams];
        float* factors = stackalloc float[streams];
        int* current = s.Targets, next = s.NextTargets;
        int* multiplicity = s.Multiplicity, nextMultiplicity = s.NextMultiplicity;
        int count = c.Negatives && length > 0 ? ns.DrawSharedNegatives(-1, current, multiplicity, ref negatives) : 0;
        var w = s.Window(s.ContextRows);
        double loss = 0;
        long windows = 0;
        for (int step = 0; step < segment; step++)
        {
            int nextCount = 0;
            if (step + 1 < segment)
            {
                if (c.Negatives) nextCount = ns.DrawSharedNegatives(-1, next, nextMultiplicity, ref negatives);
                for (int i = step + 1; i < length; i += segment)
                    EmbeddingMatrix.PrefetchRow(c.InputRow(sentence[s.WindowTo[i]]), stride);
            }
            bool sampled = s.SampleLoss();
            var (batchLoss, batch) = TrainBatch(in c, s, ref w, step, segment, length, positions, factors,
                current, multiplicity, count, next, nextCount, alpha, sampled);
            if (sampled)
            {
                loss += batchLoss;
                windows += batch;
            }
            int* swap = current; current = next; next = swap;
            swap = multiplicity; multiplicity = nextMultiplicity; nextMultiplicity = swap;
            count = nextCount;
        }
        return (loss, windows);
    }

    /// <summary>
    /// One batch: the centres step, step + segment, … (those with a context), forward, every head, and
    /// ΔH back to their context rows. Returns the loss (when <paramref name="sampled"/>) and the batch size.
    /// </summary>
    internal static (float Loss, int Batch) TrainBatch(in SentenceContext c, TrainingScratch s, ref WindowRows w,
        int step, int segment, int length, int* positions, float* factors, int* negatives, int* multiplicity, int count,
        int* next, int nextCount, float alpha, bool sampled)
    {
        int batch = Forward(in c, s, step, segment, length, positions, factors);
        if (batch == 0) return (0, 0);
        float loss = Update(in c, s, ref w, batch, negatives, multiplicity, count, next, nextCount, alpha, sampled);
        // ΔH back to each window's context rows: the same backward step as word2vec.c's loop (and its gradient check).
        for (int b = 0; b < batch; b++)
        {
            int i = positions[b];
            CbowHidden.Backward<float, TKernels>(c.Input, c.Stride, s.Sentence, s.WindowFrom[i], s.WindowTo[i], i,
                factors[b], s.DeltaRows[b]);
        }
        return (loss, batch);
    }

    /// <summary>The hidden rows of the centres step, step + segment, … that have a context; returns how
    /// many.</summary>
    private static int Forward(in SentenceContext c, TrainingScratch s, int step, int segment, int length,
        int* positions, float* factors)
    {
        int batch = 0;
        int* sentence = s.Sentence, centres = s.Centres;
        float** rows = s.ContextRows;
        float* hiddens = s.Hiddens;
        for (int i = step; i < length; i += segment)
        {
            float* h = hiddens + (long)batch * c.Stride;
            int n = CbowHidden.Forward<float, TKernels>(c.Input, c.Stride, sentence, s.WindowFrom[i], s.WindowTo[i], i,
                c.CbowMean, h);
            if (n == 0) continue;
            rows[batch] = h;
            centres[batch] = sentence[i];
            positions[batch] = i;
            factors[batch] = c.CbowDivide ? 1f / n : 1f;
            batch++;
        }
        return batch;
    }

    /// <summary>Every head of one batch; leaves ΔH in the scratch's delta rows and returns the loss.</summary>
    private static float Update(in SentenceContext c, TrainingScratch s, ref WindowRows w, int batch, int* negatives,
        int* multiplicity, int count, int* next, int nextCount, float alpha, bool sampled)
    {
        var ns = c.Ns;
        int stride = c.Stride;
        w.Batch = batch;
        w.PadRows();
        for (int b = batch; b < w.Columns; b++) s.Centres[b] = -1;
        w.PrefetchCount = 0;
        w.AddDeltas = false;
        float loss = 0;
        if (c.Tree)
        {
            int nodes = PathUnion.Build(in c.Heads, s.Centres, batch, w.Columns, s.UnionNodes, s.UnionLabels,
                s.UnionHash, s.UnionHashMask);
            var path = new UnionPathTargets(ns.Sigmoids, s.UnionNodes, s.UnionLabels, w.Columns, nodes, alpha, sampled);
            loss += TUpdate.TrainWindow(c.Heads.TreeRows, stride, in w, ref path);
            w.AddDeltas = true;
        }
        if (c.Negatives)
        {
            var own = new PositiveTargets(ns.Sigmoids, s.Centres, batch, alpha, sampled);
            loss += TUpdate.TrainDiagonal(ns.Output, stride, in w, ref own);
            w.AddDeltas = true;
            var shared =
                new MaskedNegativeTargets(ns.Sigmoids, negatives, multiplicity, count, s.Centres, alpha, sampled);
            w.PrefetchBase = ns.Output;
            w.Prefetch = next;
            w.PrefetchCount = nextCount;
            loss += TUpdate.TrainWindow(ns.Output, stride, in w, ref shared);
        }
        return loss;
    }
}
