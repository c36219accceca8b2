using System.Numerics;
using FastW2V.Kernels;

namespace FastW2V.Training.Losses;

/// <summary>
/// The full ("naive") softmax over the whole vocabulary: ŷ = softmax(U·h), J = −log ŷ_o, so
/// ∂J/∂logits = ŷ − y, ∂J/∂h = Uᵀ(ŷ − y) and ∂J/∂U = (ŷ − y)hᵀ. The logits are one
/// matrix-vector product (a SIMD dot per row), the update one SIMD row update per word: O(V·d) per prediction, for
/// small vocabularies and as the exact reference the sampled losses approximate.
/// </summary>
internal static unsafe class FullSoftmaxLoss
{
    /// <summary>
    /// Softmax in place, stable for any logits: the maximum is subtracted before exponentiating
    /// (softmax(x + c) = softmax(x)), so nothing overflows. Returns log Σ e^x (the log-normaliser).
    /// </summary>
    public static T SoftmaxInPlace<T>(T* x, int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T max = T.NegativeInfinity;
        for (int i = 0; i < n; i++) max = T.Max(max, x[i]);
        T sum = T.Zero;
        for (int i = 0; i < n; i++)
        {
            x[i] = T.Exp(x[i] - max);
            sum += x[i];
        }
        T inverse = T.One / sum;
        for (int i = 0; i < n; i++) x[i] *= inverse;
        return max + T.Log(sum);
    }

    /// <summary>
    /// One SGD step predicting <paramref name="target"/> from <paramref name="hidden"/>: every output row
    /// u_w += g_w·h and <paramref name="gradient"/> += g_w·u_w (u_w before its step) with
    /// g_w = −alpha·(ŷ_w − y_w). <paramref name="scratch"/> holds <paramref name="words"/> values.
    /// Returns J = −log ŷ_target.
    /// </summary>
    public static T Apply<T, TKernels>(T* output, int stride, int words, T* hidden, T* gradient, int target, T alpha,
        T* scratch)
        where T : unmanaged, IFloatingPointIeee754<T> where TKernels : struct, IKernels<T>
    {
        for (int w = 0; w < words; w++) scratch[w] = TKernels.Dot(hidden, output + (long)w * stride, stride);
        T logit = scratch[target];
        T loss = SoftmaxInPlace(scratch, words) - logit;
        for (int w = 0; w < words; w++)
        {
            T g = -alpha * (scratch[w] - (w == target ? T.One : T.Zero));
            TKernels.AccumulateAndUpdate(g, output + (long)w * stride, hidden, gradient, stride);
        }
        return loss;
    }
}
