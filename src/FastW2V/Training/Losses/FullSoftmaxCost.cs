using FastW2V.Storage;
using FastW2V.Kernels.Update;
using FastW2V.Kernels;

namespace FastW2V.Training.Losses;

/// <summary>How long the full softmax will take: timed on a slice of a model of the run's shape.</summary>
internal static unsafe class FullSoftmaxCost
{
    /// <summary>Estimated seconds for <paramref name="examples"/> predictions over <paramref name="words"/> words on
    /// <paramref name="threads"/> threads.</summary>
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

    private readonly struct Probe(WordVectorModel model, int rows, float* logits, float* gradient, int steps)
        : IStrategyAction<int>
    {
        public int Invoke<TKernels, TUpdate>() where TKernels : struct, IVectorKernels
            where TUpdate : struct, IUpdateKernels
        {
            for (int s = 0; s < steps; s++)
                FullSoftmaxLoss.Apply<float, TKernels>(model.Input.Data, model.Input.Stride, rows,
                    model.Input.Row(s % rows), gradient, 0, 0f, logits);
            return 0;
        }
    }
}
