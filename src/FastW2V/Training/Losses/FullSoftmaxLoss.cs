using FastW2V.Storage;
using FastW2V.Kernels.Update;
using System.Numerics;
using FastW2V.Kernels;
using FastW2V.Training;

namespace FastW2V.Training.Losses;

/// <summary>
/// The full ("naive") softmax over the whole vocabulary: ŷ = softmax(U·h), J = −log ŷ_o, so
/// ∂J/∂logits = ŷ − y, ∂J/∂h = Uᵀ(ŷ − y) and ∂J/∂U = (ŷ − y)hᵀ. The logits are one matrix-vector
/// product (a SIMD dot per row), the update one SIMD row update per word: O(V·d) per prediction, for
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
    public static T Apply<T, TKernels>(T* output, int stride, int words, T* hidden, T* gradient, int target, T alpha, T* scratch)
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

/// <summary>How long the full softmax will take: timed on a slice of a model of the run's shape.</summary>
internal static unsafe class FullSoftmaxCost
{
    /// <summary>Estimated seconds for <paramref name="examples"/> predictions over <paramref name="words"/> words on <paramref name="threads"/> threads.</summary>
    public static double EstimateSeconds(int words, int dimension, long examples, int threads, KernelStrategy kernels)
    {
        int rows = Math.Min(words, 4096);
        using var model = new WordVectorModel(rows, dimension, 1);
        using var scratch = new AlignedBuffer((rows + 2L * model.Input.Stride) * sizeof(float));
        float* logits = (float*)scratch.Pointer, gradient = logits + rows;
        const int steps = 8;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        StrategyTypes.Invoke<Probe, int>(kernels, new Probe(model, rows, logits, gradient, steps));
        double perRow = clock.Elapsed.TotalSeconds / steps / rows;
        return perRow * words * examples / Math.Max(1, threads);
    }

    private readonly struct Probe(WordVectorModel model, int rows, float* logits, float* gradient, int steps) : IStrategyAction<int>
    {
        public int Invoke<TKernels, TUpdate>() where TKernels : struct, IVectorKernels where TUpdate : struct, IUpdateKernels
        {
            for (int s = 0; s < steps; s++)
                FullSoftmaxLoss.Apply<float, TKernels>(model.Input.Data, model.Input.Stride, rows, model.Input.Row(s % rows), gradient, 0, 0f, logits);
            return 0;
        }
    }
}
