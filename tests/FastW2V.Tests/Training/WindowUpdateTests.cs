using FastW2V.Kernels;
using FastW2V.Training;
using FastW2V.Training.Losses;

namespace FastW2V.Tests.Training;

/// <summary>The HogBatch window update of every strategy against the pair update and the matrix formulas.</summary>
public unsafe class WindowUpdateTests
{
    private const int Words = 24;

    public enum Strategy { RegisterV512, LoopV512, LoopV256, LoopScalar }

    private static float TrainWindow(Strategy strategy, int dimension, in NegativeSamplingStep ns, float** rows, int batch,
        int* targets, int* multiplicity, int count, float alpha, float* deltas, float* scratch, byte* codes = null)
    {
        int vectors = EmbeddingMatrix.PaddedDimension(dimension) / 16;
        return strategy switch
        {
            Strategy.RegisterV512 when vectors == 2 => RegisterSkipGramUpdateV512<Width2>.TrainWindow(in ns, ns.Output, rows, batch, targets, multiplicity, codes, count, alpha, deltas, scratch, null, 0),
            Strategy.RegisterV512 when vectors == 7 => RegisterSkipGramUpdateV512<Width7>.TrainWindow(in ns, ns.Output, rows, batch, targets, multiplicity, codes, count, alpha, deltas, scratch, null, 0),
            Strategy.LoopV512 => LoopSkipGramUpdate<VectorKernelsV512>.TrainWindow(in ns, ns.Output, rows, batch, targets, multiplicity, codes, count, alpha, deltas, scratch, null, 0),
            Strategy.LoopV256 => LoopSkipGramUpdate<VectorKernelsV256>.TrainWindow(in ns, ns.Output, rows, batch, targets, multiplicity, codes, count, alpha, deltas, scratch, null, 0),
            Strategy.LoopScalar => LoopSkipGramUpdate<VectorKernelsScalar>.TrainWindow(in ns, ns.Output, rows, batch, targets, multiplicity, codes, count, alpha, deltas, scratch, null, 0),
            _ => throw new ArgumentException("no such width"),
        };
    }

    private static void RequireSupported(Strategy strategy)
    {
        var path = strategy switch { Strategy.LoopV256 => SimdPath.V256, Strategy.LoopScalar => SimdPath.Scalar, _ => SimdPath.V512 };
        if (!SimdSupport.IsSupported(path)) Assert.Ignore($"{path} is not supported on this machine");
    }

    /// <summary>A model with both matrices random (a trained model's output rows are not zero).</summary>
    private static WordVectorModel RandomModel(int dimension, int seed)
    {
        var model = new WordVectorModel(Words, dimension, 1);
        var rng = new Random(seed);
        foreach (var m in new[] { model.Input, model.Output })
            for (int w = 0; w < Words; w++)
                foreach (ref float x in m.RowSpan(w)) x = (float)(rng.NextDouble() - 0.5) * 2f;
        return model;
    }

    private static float[] Snapshot(EmbeddingMatrix m) => new Span<float>(m.Data, m.Rows * m.Stride).ToArray();

    [Test]
    public void A_window_of_one_pair_gives_the_pair_update([Values] Strategy strategy, [Values(20, 100)] int dimension, [Values] bool tree)
    {
        RequireSupported(strategy);
        using var sigmoid = new SigmoidTable();
        using var pairModel = RandomModel(dimension, 7);
        using var windowModel = RandomModel(dimension, 7);
        int stride = pairModel.Input.Stride;
        int[] targets = [3, 9, 14, 2, 21, 17];
        int[] ones = [1, 1, 1, 1, 1, 1];
        using var scratch = new AlignedBuffer(64 * stride * sizeof(float));
        float* buffer = (float*)scratch.Pointer;
        fixed (int* t = targets, m = ones)
        {
            byte* codes = stackalloc byte[] { 0, 1, 1, 0, 1, 0 };
            var pairNs = new NegativeSamplingStep(pairModel, 5, sigmoid, null, null);
            float pairLoss;
            if (!tree) pairLoss = LoopSkipGramUpdate<VectorKernelsScalar>.Train(in pairNs, pairModel.Input.Row(5), buffer, t, 6, 0.05f);
            else
            {
                // Hierarchical softmax: the targets are path nodes (rows of the same matrix here), labels 1 − code.
                new Span<float>(buffer, stride).Clear();
                pairLoss = HierarchicalSoftmaxLoss.Apply<float, VectorKernelsScalar, TableSigmoid>(pairModel.Output.Data, stride,
                    pairModel.Input.Row(5), buffer, codes, t, 6, 0.05f, in pairNs.Sigmoids);
                VectorKernelsScalar.Axpy(1, buffer, pairModel.Input.Row(5), stride);
            }
            var windowNs = new NegativeSamplingStep(windowModel, 5, sigmoid, null, null);
            float* row = windowModel.Input.Row(5);
            float windowLoss = TrainWindow(strategy, dimension, in windowNs, &row, 1, t, m, 6, 0.05f, buffer, buffer + 16 * stride, tree ? codes : null);
            Assert.That(windowLoss, Is.EqualTo(pairLoss).Within(1e-5).Percent);
        }
        Assert.That(Snapshot(windowModel.Input), Is.EqualTo(Snapshot(pairModel.Input)).Within(2e-6f));
        Assert.That(Snapshot(windowModel.Output), Is.EqualTo(Snapshot(pairModel.Output)).Within(2e-6f));
    }

    /// <summary>
    /// Nine contexts (two chunks of 8, one row twice) and targets with a negative drawn twice, against
    /// S = U·Vᵀ, G = (labels − σ(S))·alpha·multiplicity, ΔU = G·V, ΔV = Gᵀ·U in double precision from the
    /// old rows, with σ read from the same table (at the same index) as the kernel.
    /// </summary>
    [Test]
    public void A_window_applies_the_three_matrix_products([Values] Strategy strategy, [Values(20, 100)] int dimension, [Values] bool tree)
    {
        RequireSupported(strategy);
        using var sigmoid = new SigmoidTable();
        using var model = RandomModel(dimension, 11);
        // Small rows keep the scores inside the table's range.
        foreach (var m in new[] { model.Input, model.Output })
            for (int w = 0; w < Words; w++)
                foreach (ref float x in m.RowSpan(w)) x *= 0.3f;
        var input = Snapshot(model.Input);
        var output = Snapshot(model.Output);
        int stride = model.Input.Stride;
        int[] contexts = [1, 4, 6, 8, 4, 10, 12, 13, 15];
        int[] targets = [3, 9, 14, 2];
        int[] multiplicity = tree ? [1, 1, 1, 1] : [1, 2, 1, 1];
        byte[] codes = [1, 0, 0, 1];
        const float alpha = 0.05f;
        int batch = contexts.Length;

        // Reference, per context occurrence (a row twice in the window gets both updates).
        var dIn = new double[Words, dimension];
        var dOut = new double[Words, dimension];
        double expectedLoss = 0;
        for (int t = 0; t < targets.Length; t++)
            for (int b = 0; b < batch; b++)
            {
                double f = 0;
                for (int k = 0; k < dimension; k++) f += output[targets[t] * stride + k] * (double)input[contexts[b] * stride + k];
                int index = SigmoidTable.Index((float)f);
                double s = sigmoid.Sigmoid[index];
                bool positive = tree ? codes[t] == 0 : t == 0;
                double g = ((positive ? 1 : 0) - s) * alpha * multiplicity[t];
                expectedLoss -= multiplicity[t] * (positive ? sigmoid.LogSigmoid[index] : sigmoid.LogSigmoidOfNegative[index]);
                for (int k = 0; k < dimension; k++)
                {
                    dOut[targets[t], k] += g * input[contexts[b] * stride + k];
                    dIn[contexts[b], k] += g * output[targets[t] * stride + k];
                }
            }

        using var scratch = new AlignedBuffer(64 * stride * sizeof(float));
        float* buffer = (float*)scratch.Pointer;
        float** rows = stackalloc float*[batch];
        for (int b = 0; b < batch; b++) rows[b] = model.Input.Row(contexts[b]);
        float loss;
        fixed (int* t = targets, m = multiplicity) fixed (byte* c = codes)
        {
            var ns = new NegativeSamplingStep(model, 4, sigmoid, null, null);
            loss = TrainWindow(strategy, dimension, in ns, rows, batch, t, m, targets.Length, alpha, buffer, buffer + 32 * stride, tree ? c : null);
        }
        Assert.That(loss, Is.EqualTo(expectedLoss).Within(1e-4).Percent);
        for (int w = 0; w < Words; w++)
            for (int k = 0; k < dimension; k++)
            {
                Assert.That(model.Input.Row(w)[k] - input[w * stride + k], Is.EqualTo(dIn[w, k]).Within(2e-6), $"input row {w}[{k}]");
                Assert.That(model.Output.Row(w)[k] - output[w * stride + k], Is.EqualTo(dOut[w, k]).Within(2e-6), $"output row {w}[{k}]");
            }
        // Padding stays zero.
        for (int w = 0; w < Words; w++)
            for (int k = dimension; k < stride; k++)
                Assert.That(model.Input.Row(w)[k], Is.Zero);
    }
}
