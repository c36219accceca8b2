using FastW2V.Kernels;
using FastW2V.Sampling;

namespace FastW2V.Training.Loops;

/// <summary>
/// Skip-gram with any heads pair by pair (the full softmax, or word2vec.c's order with <c>--no-batch</c>
/// for hierarchical softmax): the context word's input row is the hidden vector of every head.
/// </summary>
internal static unsafe class SkipGramHeadsLoop<TKernels> where TKernels : struct, IVectorKernels
{
    public static (double Loss, long Examples) Train(in SentenceContext c, TrainingScratch s, int length, float alpha,
        ref FastRandom rng, ref NegativeStream negatives)
    {
        int stride = c.Stride;
        int* sentence = s.Sentence;
        c.DrawWindows(s, length, ref rng);
        double loss = 0;
        long pairs = 0;
        for (int i = 0; i < length; i++)
        {
            for (int j = s.WindowFrom[i], to = s.WindowTo[i]; j <= to; j++)
            {
                if (j == i) continue;
                int count = c.Negatives ? c.Ns.DrawTargets(sentence[i], s.Targets, ref negatives) : 0;
                float* v = c.InputRow(sentence[j]);
                new Span<float>(s.Gradient, stride).Clear();
                loss += c.Heads.Apply<TKernels>(v, s.Gradient, sentence[i], s.Targets, count, alpha, s.SoftmaxScratch);
                TKernels.Axpy(1f, s.Gradient, v, stride);
                pairs++;
            }
        }
        return (loss, pairs);
    }
}
