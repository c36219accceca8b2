using FastW2V.Storage;
using FastW2V.Kernels.Update;
using FastW2V.Kernels;
using FastW2V.Sampling;
using FastW2V.Training.Batched;

namespace FastW2V.Training.Loops;

/// <summary>
/// Skip-gram as HogBatch windows (the default): for each centre word, its context rows predict it
/// together, against one set of negatives (drawn once per window instead of once per pair) and/or along
/// its Huffman path (which every context of the window walks anyway), as one batched update per head
/// (<see cref="IUpdateKernels.TrainWindow"/>); the heads' steps to the context rows are summed and added
/// once. The next window's negatives are drawn ahead and their rows, its path's nodes and the one
/// context row it adds are prefetched while this window trains.
/// </summary>
internal static unsafe class SkipGramWindowLoop<TKernels, TUpdate>
    where TKernels : struct, IVectorKernels where TUpdate : struct, IUpdateKernels
{
    public static (double Loss, long Examples) Train(in SentenceContext c, TrainingScratch s, int length, float alpha,
        ref FastRandom rng, ref NegativeStream negatives)
    {
        int stride = c.Stride;
        int* sentence = s.Sentence;
        float** rows = s.ContextRows, deltaRows = s.DeltaRows;
        var ns = c.Ns;
        var heads = c.Heads;
        c.DrawWindows(s, length, ref rng);
        int* current = s.Targets, next = s.NextTargets;
        int* multiplicity = s.Multiplicity, nextMultiplicity = s.NextMultiplicity;
        int count = c.Negatives && length > 0
            ? ns.DrawSharedTargets(sentence[0], current, multiplicity, ref negatives)
            : 0;
        var w = s.Window(rows);
        double loss = 0;
        long pairs = 0;
        for (int i = 0; i < length; i++)
        {
            int nextCount = 0;
            if (i + 1 < length)
            {
                if (c.Negatives)
                    nextCount = ns.DrawSharedTargets(sentence[i + 1], next, nextMultiplicity, ref negatives);
                EmbeddingMatrix.PrefetchRow(c.InputRow(sentence[s.WindowTo[i + 1]]), stride);
            }
            int batch = 0;
            for (int j = s.WindowFrom[i], to = s.WindowTo[i]; j <= to; j++)
                if (j != i) rows[batch++] = c.InputRow(sentence[j]);
            if (batch > 0)
            {
                w.Batch = batch;
                w.PadRows();
                bool sampled = s.SampleLoss();
                float windowLoss = 0;
                if (c.Tree)
                {
                    int word = sentence[i], nextWord = i + 1 < length ? sentence[i + 1] : word;
                    var path = new PathTargets(ns.Sigmoids, heads.Points(word), heads.Codes(word),
                        heads.PathLength(word), alpha, sampled);
                    w.AddDeltas = false;
                    w.PrefetchBase = heads.TreeRows;
                    w.Prefetch = heads.Points(nextWord);
                    w.PrefetchCount = i + 1 < length ? heads.PathLength(nextWord) : 0;
                    windowLoss += TUpdate.TrainWindow(heads.TreeRows, stride, in w, ref path);
                }
                if (c.Negatives)
                {
                    var targets = new NegativeTargets(ns.Sigmoids, current, multiplicity, count, alpha, sampled);
                    w.AddDeltas = c.Tree;
                    w.PrefetchBase = ns.Output;
                    w.Prefetch = next;
                    w.PrefetchCount = nextCount;
                    windowLoss += TUpdate.TrainWindow(ns.Output, stride, in w, ref targets);
                }
                for (int b = 0; b < batch; b++) TKernels.Axpy(1f, deltaRows[b], rows[b], stride);
                if (sampled)
                {
                    loss += windowLoss;
                    pairs += batch;
                }
            }
            int* swap = current; current = next; next = swap;
            swap = multiplicity; multiplicity = nextMultiplicity; nextMultiplicity = swap;
            count = nextCount;
        }
        return (loss, pairs);
    }
}
