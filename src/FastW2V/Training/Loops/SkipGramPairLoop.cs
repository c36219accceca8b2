using FastW2V.Storage;
using FastW2V.Kernels.Update;
using FastW2V.Kernels;
using FastW2V.Sampling;

namespace FastW2V.Training.Loops;

/// <summary>
/// word2vec.c's skip-gram with negative sampling (<c>--no-batch</c>): pair by pair, software-pipelined.
/// While pair p is trained, the negatives of pair p + 1 are already drawn and their rows (and its input
/// row) are on their way into the cache, so the random-row misses that bound the classic loop overlap
/// with the arithmetic.
/// </summary>
internal static unsafe class SkipGramPairLoop<TUpdate> where TUpdate : struct, IUpdateKernels
{
    public static (double Loss, long Examples) Train(in SentenceContext c, TrainingScratch s, int length, float alpha,
        ref FastRandom rng, ref NegativeStream negatives)
    {
        int stride = c.Stride;
        int* sentence = s.Sentence;
        var ns = c.Ns;
        c.DrawWindows(s, length, ref rng);
        int i = 0, j = s.WindowFrom[0] - 1;
        if (length == 0 || !SentenceContext.NextPair(s, length, ref i, ref j)) return (0, 0);
        int* current = s.Targets, next = s.NextTargets;
        int count = ns.DrawTargets(sentence[i], current, ref negatives);
        double loss = 0;
        long pairs = 0;
        while (true)
        {
            int ni = i, nj = j;
            bool more = SentenceContext.NextPair(s, length, ref ni, ref nj);
            int nextCount = 0;
            if (more)
            {
                nextCount = ns.DrawTargets(sentence[ni], next, ref negatives);
                EmbeddingMatrix.PrefetchRow(c.InputRow(sentence[nj]), stride);
            }
            // word2vec.c's orientation: the context word's input vector predicts the centre word.
            loss += TUpdate.Train(in ns, c.InputRow(sentence[j]), s.Gradient, current, count, alpha);
            pairs++;
            if (!more) break;
            int* swap = current; current = next; next = swap;
            count = nextCount;
            i = ni;
            j = nj;
        }
        return (loss, pairs);
    }
}
