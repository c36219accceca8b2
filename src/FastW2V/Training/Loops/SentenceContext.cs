using System.Runtime.CompilerServices;
using FastW2V.Sampling;

namespace FastW2V.Training.Loops;

/// <summary>
/// What every training loop reads while it walks a sentence: the input matrix, the output heads and the
/// options that shape the windows. Shared by all workers (nothing here is written during training).
/// </summary>
internal readonly unsafe struct SentenceContext
{
    public readonly float* Input;
    public readonly int Stride;
    public readonly OutputHeads Heads;
    public readonly int Window;
    /// <summary>Negative sampling is trained (-negative &gt; 0).</summary>
    public readonly bool Negatives;
    /// <summary>Hierarchical softmax is trained (-hs 1).</summary>
    public readonly bool Tree;
    /// <summary>CBOW's hidden vector is the mean (not the sum) of the context rows.</summary>
    public readonly bool CbowMean;
    /// <summary>Each context row takes 1/n of the mean's ∂J/∂h (not word2vec.c's all of it, <see
    /// cref="TrainingOptions.CbowExactGradient"/>).</summary>
    public readonly bool CbowDivide;
    public readonly int CbowBatch;

    public NegativeSamplingStep Ns => Heads.Ns;

    public SentenceContext(WordVectorModel model, TrainingOptions options, OutputHeads heads)
    {
        Input = model.Input.Data;
        Stride = model.Input.Stride;
        Heads = heads;
        Window = options.Window;
        Negatives = options.Negative > 0;
        Tree = options.HierarchicalSoftmax;
        CbowMean = !options.CbowSum;
        CbowDivide = CbowMean && options.CbowExactGradient;
        CbowBatch = options.CbowBatch;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float* InputRow(int word) => Input + (long)word * Stride;

    /// <summary>
    /// Draws every position's dynamic window (word2vec.c's uniform shrink) up front, clipped to its
    /// sentence (a packed buffer holds several, <see cref="TrainingScratch.SentenceEnds"/>).
    /// </summary>
    public void DrawWindows(TrainingScratch s, int length, ref FastRandom rng)
    {
        for (int k = 0, start = 0; k < s.Sentences; start = s.SentenceEnds[k++])
            for (int i = start, end = Math.Min(length, s.SentenceEnds[k]); i < end; i++)
            {
                int shrink = (int)rng.NextBelow((uint)Window);
                s.WindowFrom[i] = Math.Max(start, i - Window + shrink);
                s.WindowTo[i] = Math.Min(end - 1, i + Window - shrink);
            }
    }

    /// <summary>The next (centre i, context j) pair of the sentence in order; false at the end.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool NextPair(TrainingScratch s, int length, ref int i, ref int j)
    {
        j++;
        if (j == i) j++;
        while (j > s.WindowTo[i])
        {
            if (++i >= length) return false;
            j = s.WindowFrom[i];
            if (j == i) j++;
        }
        return true;
    }
}
