using System.Runtime.CompilerServices;

namespace FastW2V.Training.Losses;

/// <summary>word2vec.c's sigmoid: a 1000-point table on [−6, 6], clipped outside (as its training does).</summary>
internal readonly unsafe partial struct TableSigmoidPolicy(SigmoidTable table) : ISigmoidPolicy<float>
{
    private readonly float* _sigmoid = table.Sigmoid;
    private readonly float* _logSigmoid = table.LogSigmoid;
    private readonly float* _logSigmoidOfNegative = table.LogSigmoidOfNegative;

    /// <summary>
    /// Outside the table σ is taken as exactly 0 or 1, as word2vec.c's negative sampling does. The
    /// comparisons are ordered so that a NaN score (diverged training) takes a clipped branch and never
    /// indexes the table.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Step(float f, bool positive, float alpha, ref float loss)
    {
        if (f > SigmoidTable.MaxExp)
        {
            // σ(f) ≈ 1: a positive is right (no step, no loss); a negative costs −log σ(−f) ≈ f.
            if (positive) return 0f;
            loss += f;
            return -alpha;
        }
        if (f >= -SigmoidTable.MaxExp)
        {
            int i = SigmoidTable.Index(f);
            loss -= positive ? _logSigmoid[i] : _logSigmoidOfNegative[i];
            return ((positive ? 1f : 0f) - _sigmoid[i]) * alpha;
        }
        // σ(f) ≈ 0 (or f is NaN): a negative is right; a positive costs −log σ(f) ≈ −f.
        if (!positive) return 0f;
        loss -= f;
        return alpha;
    }

    /// <summary>word2vec.c's hierarchical softmax leaves a node alone when its score is outside (−6, 6).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TreeStep(float f, bool positive, float alpha, ref float loss, out float g)
    {
        if (f > -SigmoidTable.MaxExp && f < SigmoidTable.MaxExp)
        {
            int i = SigmoidTable.Index(f);
            loss -= positive ? _logSigmoid[i] : _logSigmoidOfNegative[i];
            g = ((positive ? 1f : 0f) - _sigmoid[i]) * alpha;
            return true;
        }
        // Skipped; its loss is about max(0, ∓f) (NaN adds NaN, which the divergence check sees).
        if (!(f > 0 == positive)) loss += MathF.Abs(f);
        g = 0;
        return false;
    }
}
