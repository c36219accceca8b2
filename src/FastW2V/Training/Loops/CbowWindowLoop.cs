using FastW2V.Kernels;
using FastW2V.Sampling;
using FastW2V.Training.Losses;

namespace FastW2V.Training.Loops;

/// <summary>
/// word2vec.c's CBOW (<c>--no-batch</c>, and the full softmax): window by window, the hidden vector of
/// the context rows against every head; the next window's negatives are drawn (and prefetched) ahead.
/// </summary>
internal static unsafe class CbowWindowLoop<TKernels> where TKernels : struct, IVectorKernels
{
    public static (double Loss, long Examples) Train(in SentenceContext c, TrainingScratch s, int length, float alpha,
        ref FastRandom rng, ref NegativeStream negatives)
    {
        int stride = c.Stride;
        int* sentence = s.Sentence;
        float* hidden = s.Hidden;
        var ns = c.Ns;
        c.DrawWindows(s, length, ref rng);
        int* current = s.Targets, next = s.NextTargets;
        int count = c.Negatives && length > 0 ? ns.DrawTargets(sentence[0], current, ref negatives) : 0;
        double loss = 0;
        long windows = 0;
        for (int i = 0; i < length; i++)
        {
            int nextCount = c.Negatives && i + 1 < length ? ns.DrawTargets(sentence[i + 1], next, ref negatives) : 0;
            int from = s.WindowFrom[i], to = s.WindowTo[i];
            int n = CbowHidden.Forward<float, TKernels>(c.Input, stride, sentence, from, to, i, c.CbowMean, hidden);
            if (n > 0)
            {
                new Span<float>(s.Gradient, stride).Clear();
                loss += c.Heads.Apply<TKernels>(hidden, s.Gradient, sentence[i], current, count, alpha,
                    s.SoftmaxScratch);
                CbowHidden.Backward<float, TKernels>(c.Input, stride, sentence, from, to, i, c.CbowDivide ? 1f / n : 1f,
                    s.Gradient);
                windows++;
            }
            int* swap = current; current = next; next = swap;
            count = nextCount;
        }
        return (loss, windows);
    }
}
