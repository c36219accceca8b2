using FastW2V.Kernels;
using FastW2V.Sampling;
using FastW2V.Training.Batched;
using FastW2V.Training.Losses;

namespace FastW2V.Training.Loops;

/// <summary>
/// CBOW in batches (the default): B consecutive centre words of a sentence (<c>--cbow-batch</c>) form the
/// hidden matrix H (one row per window: the sum or mean of its context rows) and are trained together:
/// <list type="bullet">
/// <item>negative sampling: each row against its own word (the diagonal, label 1) and all rows against one
/// shared draw of K negatives (label 0; a negative equal to a row's own word is masked out for that row);</item>
/// <item>hierarchical softmax: all rows against the union of their Huffman paths, each cell labelled by
/// that row's code or masked when the node is not on its path;</item>
/// </list>
/// each head as one batched update (<see cref="IUpdateKernels"/>) from the rows as they were at the
/// batch's start; ΔH then goes back to every context row of each window (times 1/n for the mean's
/// gradient, <see cref="SentenceContext.CbowDivide"/>). Sharing the draw saves K − K/B draws per window
/// and lets the K negative rows be loaded once for B windows. The next batch's negatives are drawn
/// ahead and their rows prefetched, with the context rows it adds.
/// </summary>
internal static unsafe class CbowBatchLoop<TKernels, TUpdate>
    where TKernels : struct, IVectorKernels where TUpdate : struct, IUpdateKernels
{
    public static (double Loss, long Examples) Train(in SentenceContext c, TrainingScratch s, int length, float alpha,
        ref FastRandom rng, ref NegativeStream negatives)
    {
        int stride = c.Stride, size = c.CbowBatch;
        int* sentence = s.Sentence;
        var ns = c.Ns;
        var heads = c.Heads;
        c.DrawWindows(s, length, ref rng);
        float** rows = s.ContextRows;
        int* centres = s.Centres;
        int* positions = stackalloc int[size];
        float* factors = stackalloc float[size];
        int* current = s.Targets, next = s.NextTargets;
        int* multiplicity = s.Multiplicity, nextMultiplicity = s.NextMultiplicity;
        int count = c.Negatives && length > 0 ? ns.DrawSharedNegatives(-1, current, multiplicity, ref negatives) : 0;
        var w = s.Window(rows);
        double loss = 0;
        long windows = 0;
        for (int start = 0; start < length; start += size)
        {
            int end = Math.Min(length, start + size), nextCount = 0;
            if (end < length)
            {
                if (c.Negatives) nextCount = ns.DrawSharedNegatives(-1, next, nextMultiplicity, ref negatives);
                for (int i = end, nextEnd = Math.Min(length, end + size); i < nextEnd; i++)
                    EmbeddingMatrix.PrefetchRow(c.InputRow(sentence[s.WindowTo[i]]), stride);
            }
            int batch = Forward(in c, s, start, end, positions, factors);
            if (batch > 0)
            {
                bool sampled = s.SampleLoss();
                float batchLoss = Update(in c, s, ref w, batch, current, multiplicity, count, next, nextCount, alpha, sampled);
                for (int b = 0; b < batch; b++)
                {
                    int i = positions[b];
                    for (int j = s.WindowFrom[i], to = s.WindowTo[i]; j <= to; j++)
                        if (j != i) TKernels.Axpy(factors[b], s.DeltaRows[b], c.InputRow(sentence[j]), stride);
                }
                if (sampled)
                {
                    loss += batchLoss;
                    windows += batch;
                }
            }
            int* swap = current; current = next; next = swap;
            swap = multiplicity; multiplicity = nextMultiplicity; nextMultiplicity = swap;
            count = nextCount;
        }
        return (loss, windows);
    }

    /// <summary>The hidden rows of the centres start … end − 1 that have a context; returns how many.</summary>
    private static int Forward(in SentenceContext c, TrainingScratch s, int start, int end, int* positions, float* factors)
    {
        int batch = 0;
        for (int i = start; i < end; i++)
        {
            float* h = s.Hiddens + (long)batch * c.Stride;
            int n = CbowHidden.Forward<float, TKernels>(c.Input, c.Stride, s.Sentence, s.WindowFrom[i], s.WindowTo[i], i, c.CbowMean, h);
            if (n == 0) continue;
            s.ContextRows[batch] = h;
            s.Centres[batch] = s.Sentence[i];
            positions[batch] = i;
            factors[batch] = c.CbowDivide ? 1f / n : 1f;
            batch++;
        }
        return batch;
    }

    /// <summary>Every head of one batch; leaves ΔH in the scratch's delta rows and returns the loss.</summary>
    private static float Update(in SentenceContext c, TrainingScratch s, ref WindowRows w, int batch, int* negatives, int* multiplicity,
        int count, int* next, int nextCount, float alpha, bool sampled)
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
            int nodes = PathUnion.Build(in c.Heads, s.Centres, batch, w.Columns, s.UnionNodes, s.UnionLabels, s.UnionHash, s.UnionHashMask);
            var path = new UnionPathTargets(ns.Sigmoids, s.UnionNodes, s.UnionLabels, w.Columns, nodes, alpha, sampled);
            loss += TUpdate.TrainWindow(c.Heads.TreeRows, stride, in w, ref path);
            w.AddDeltas = true;
        }
        if (c.Negatives)
        {
            var own = new PositiveTargets(ns.Sigmoids, s.Centres, batch, alpha, sampled);
            loss += TUpdate.TrainDiagonal(ns.Output, stride, in w, ref own);
            w.AddDeltas = true;
            var shared = new MaskedNegativeTargets(ns.Sigmoids, negatives, multiplicity, count, s.Centres, alpha, sampled);
            w.PrefetchBase = ns.Output;
            w.Prefetch = next;
            w.PrefetchCount = nextCount;
            loss += TUpdate.TrainWindow(ns.Output, stride, in w, ref shared);
        }
        return loss;
    }
}
