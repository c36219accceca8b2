using FastW2V.Storage;
using System.Runtime.CompilerServices;
using FastW2V.Kernels;
using FastW2V.Sampling;
using FastW2V.Training.Losses;

namespace FastW2V.Training;

/// <summary>
/// One negative-sampling update of a hidden vector h against the word it must predict. With
/// s = σ(u_oᵀh), the loss is J = −log σ(u_oᵀh) − Σ_k log σ(−u_kᵀh); the step applies
/// ∂J/∂u_o = (s − 1)h and ∂J/∂u_k = σ(u_kᵀh)h to the output rows and accumulates
/// ∂J/∂h = (s − 1)u_o + Σ_k σ(u_kᵀh)u_k (times −alpha) into <c>gradient</c>, which the caller applies
/// to the input rows. The K negatives are drawn first and their rows prefetched, so the memory
/// latency of the K + 1 random rows overlaps instead of adding up.
/// </summary>
internal readonly unsafe struct NegativeSamplingStep
{
    public readonly float* Output;
    public readonly int Stride;
    public readonly int Negative;
    public readonly int VocabularySize;
    public readonly TableSigmoidPolicy Sigmoids;
    public readonly AliasTable? Alias;
    public readonly int* Table;
    private readonly int _tableShift;

    public NegativeSamplingStep(WordVectorModel model, int negative, SigmoidTable sigmoid, AliasTable? alias,
        UnigramTable? table)
    {
        Output = model.Output.Data;
        Stride = model.Output.Stride;
        Negative = negative;
        VocabularySize = model.Words;
        Sigmoids = new TableSigmoidPolicy(sigmoid);
        Alias = alias;
        Table = table != null ? table.Entries : null;
        _tableShift = table != null ? 32 - table.Bits : 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Draw(ref FastRandom rng)
    {
        uint r = rng.Next();
        int t = Table != null ? Table[r >> _tableShift] : Alias!.Draw(r);
        // word2vec.c: </s> drawn as a negative is replaced by a uniformly random word.
        return t != 0 ? t : (int)rng.NextBelow((uint)VocabularySize - 1) + 1;
    }

    /// <summary>Draws the targets: the positive word first, then the negatives (a draw of the positive itself is
    /// skipped).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int DrawTargets(int positive, int* targets, ref NegativeStream negatives)
    {
        targets[0] = positive;
        int n = 1;
        for (int d = 0; d < Negative; d++)
        {
            int t = negatives.Next(in this);
            if (t == positive) continue;
            targets[n++] = t;
            EmbeddingMatrix.PrefetchRow(Output + (long)t * Stride, Stride);
        }
        return n;
    }

    /// <summary>
    /// The shared targets of a HogBatch window: the positive word first, then the distinct negatives
    /// with how often each was drawn (a draw of the positive itself is skipped). The caller prefetches the rows.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int DrawSharedTargets(int positive, int* targets, int* multiplicity, ref NegativeStream negatives)
    {
        targets[0] = positive;
        multiplicity[0] = 1;
        return 1 + DrawSharedNegatives(positive, targets + 1, multiplicity + 1, ref negatives);
    }

    /// <summary>
    /// K draws, each distinct negative once with how often it was drawn; a draw of <paramref name="exclude"/>
    /// is skipped (−1 skips none: a CBOW batch masks each centre's own word per cell instead).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int DrawSharedNegatives(int exclude, int* targets, int* multiplicity, ref NegativeStream negatives)
    {
        int n = 0;
        for (int d = 0; d < Negative; d++)
        {
            int t = negatives.Next(in this);
            if (t == exclude) continue;
            int k = 0;
            while (k < n && targets[k] != t) k++;
            if (k < n) { multiplicity[k]++; continue; }
            targets[n] = t;
            multiplicity[n++] = 1;
        }
        return n;
    }

    /// <summary>The step size g = (label − σ(f))·alpha and the loss, from word2vec.c's table (<see
    /// cref="TableSigmoidPolicy.Step"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Gradient(float f, bool positive, float alpha, ref float loss) => Sigmoids.Step(f, positive, alpha,
        ref loss);

    /// <summary>Updates the output rows of the targets (<see cref="NegativeSamplingLoss"/>); returns the
    /// loss.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Apply<TKernels>(float* hidden, float* gradient, int* targets, int count, float alpha)
        where TKernels : struct, IVectorKernels =>
        NegativeSamplingLoss.Apply<float, TKernels, TableSigmoidPolicy>(Output, Stride, hidden, gradient, targets,
            count, alpha, in Sigmoids);
}
