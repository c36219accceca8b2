using FastW2V.Storage;
using FastW2V.Kernels.Update;
using FastW2V.Kernels;
using FastW2V.Training;
using FastW2V.Training.Batched;
using FastW2V.Training.Losses;

namespace FastW2V.Tests.Training;

/// <summary>
/// The batched updates of every kernel strategy this CPU runs, for every kind of targets (skip-gram's
/// negatives and Huffman path, a CBOW batch's own words, masked shared negatives and path union),
/// against the pair update and against the three matrix products computed in double precision.
/// </summary>
public unsafe class WindowUpdateTests
{
    private const int Words = 24;
    private const float Alpha = 0.05f;

    public static IEnumerable<KernelStrategy> Strategies => KernelStrategies.Supported;

    /// <summary>One batched update (a window, or its diagonal) with the update kernels of a strategy.</summary>
    private readonly struct Run<TTargets>(float* output, int stride, WindowRows rows, TTargets targets, bool diagonal) : IStrategyAction<float>
        where TTargets : struct, IWindowTargets
    {
        public float Invoke<TKernels, TUpdate>() where TKernels : struct, IVectorKernels where TUpdate : struct, IUpdateKernels
        {
            var t = targets;
            return diagonal ? TUpdate.TrainDiagonal(output, stride, in rows, ref t) : TUpdate.TrainWindow(output, stride, in rows, ref t);
        }
    }

    private static float Update<TTargets>(KernelStrategy strategy, float* output, int stride, WindowRows rows, TTargets targets, bool diagonal = false)
        where TTargets : struct, IWindowTargets =>
        StrategyTypes.Invoke<Run<TTargets>, float>(strategy, new Run<TTargets>(output, stride, rows, targets, diagonal));

    /// <summary>A model with both matrices random (a trained model's output rows are not zero).</summary>
    private static WordVectorModel RandomModel(int dimension, int seed, float scale = 1f)
    {
        var model = new WordVectorModel(Words, dimension, 1);
        var rng = new Random(seed);
        foreach (var m in new[] { model.Input, model.Output })
            for (int w = 0; w < Words; w++)
                foreach (ref float x in m.RowSpan(w)) x = (float)(rng.NextDouble() - 0.5) * 2f * scale;
        return model;
    }

    private static float[] Snapshot(EmbeddingMatrix m) => new Span<float>(m.Data, m.Rows * m.Stride).ToArray();

    /// <summary>Input rows 1–7 of the model against the targets; the output rows and the input rows' steps after it.</summary>
    private static float[] InputRowsOneToSeven<TTargets>(KernelStrategy strategy, WordVectorModel model, TTargets targets, out float loss)
        where TTargets : struct, IWindowTargets
    {
        int stride = model.Input.Stride;
        using var scratch = new TrainingScratch(stride, 5, 4, 8);
        var rows = scratch.Window(scratch.ContextRows);
        for (int b = 0; b < 7; b++) rows.Rows[b] = model.Input.Row(b + 1);
        rows.Batch = 7;
        rows.PadRows();
        loss = Update(strategy, model.Output.Data, stride, rows, targets);
        return Snapshot(model.Output).Concat(new Span<float>(scratch.Deltas, 7 * stride).ToArray()).ToArray();
    }

    [Test]
    public void A_window_of_one_pair_gives_the_pair_update([ValueSource(nameof(Strategies))] KernelStrategy strategy,
        [Values(20, 100, 300)] int dimension, [Values] bool tree)
    {
        using var sigmoid = new SigmoidTable();
        using var pairModel = RandomModel(dimension, 7);
        using var windowModel = RandomModel(dimension, 7);
        int stride = pairModel.Input.Stride;
        int[] targets = [3, 9, 14, 2, 21, 17];
        int[] ones = [1, 1, 1, 1, 1, 1];
        byte[] codes = [0, 1, 1, 0, 1, 0];
        using var scratch = new TrainingScratch(stride, 5, 4, 8);
        float pairLoss, windowLoss;
        fixed (int* t = targets, m = ones) fixed (byte* c = codes)
        {
            var pairNs = new NegativeSamplingStep(pairModel, 5, sigmoid, null, null);
            if (!tree) pairLoss = LoopUpdateKernels<VectorKernelsScalar>.Train(in pairNs, pairModel.Input.Row(5), scratch.Gradient, t, 6, Alpha);
            else
            {
                // Hierarchical softmax: the targets are path nodes (rows of the same matrix here), labels 1 − code.
                new Span<float>(scratch.Gradient, stride).Clear();
                pairLoss = HierarchicalSoftmaxLoss.Apply<float, VectorKernelsScalar, TableSigmoidPolicy>(pairModel.Output.Data, stride,
                    pairModel.Input.Row(5), scratch.Gradient, c, t, 6, Alpha, in pairNs.Sigmoids);
                VectorKernelsScalar.Axpy(1, scratch.Gradient, pairModel.Input.Row(5), stride);
            }
            var sigmoids = new TableSigmoidPolicy(sigmoid);
            var rows = scratch.Window(scratch.ContextRows);
            rows.Rows[0] = windowModel.Input.Row(5);
            rows.Batch = 1;
            rows.PadRows();
            float* output = windowModel.Output.Data;
            windowLoss = tree
                ? Update(strategy, output, stride, rows, new PathTargets(sigmoids, t, c, 6, Alpha, withLoss: true))
                : Update(strategy, output, stride, rows, new NegativeTargets(sigmoids, t, m, 6, Alpha, withLoss: true));
            VectorKernelsScalar.Axpy(1, scratch.DeltaRows[0], windowModel.Input.Row(5), stride);
        }
        Assert.That(windowLoss, Is.EqualTo(pairLoss).Within(1e-4).Percent);
        Assert.That(Snapshot(windowModel.Input), Is.EqualTo(Snapshot(pairModel.Input)).Within(2e-6f));
        Assert.That(Snapshot(windowModel.Output), Is.EqualTo(Snapshot(pairModel.Output)).Within(2e-6f));
    }

    public enum Targets { SkipGramNegatives, SkipGramPath, CbowOwnWords, CbowSharedNegatives, CbowPathUnion }

    /// <summary>
    /// Nine input rows (two chunks of 8, one row twice) against targets of each kind, against
    /// S = U·Vᵀ, G = mask ⊙ (labels − σ(S))·alpha·multiplicity, ΔU = G·V, ΔV = Gᵀ·U in double precision from
    /// the old rows, with σ read from the same table (at the same index) as the kernels.
    /// </summary>
    [Test]
    public void A_batched_update_applies_the_three_matrix_products([ValueSource(nameof(Strategies))] KernelStrategy strategy,
        [Values(20, 100, 300)] int dimension, [Values] Targets kind, [Values] bool addDeltas)
    {
        using var sigmoid = new SigmoidTable();
        using var model = RandomModel(dimension, 11, scale: 0.3f); // small rows keep the scores inside the table
        var input = Snapshot(model.Input);
        var output = Snapshot(model.Output);
        int stride = model.Input.Stride;
        int[] inputs = [1, 4, 6, 8, 4, 10, 12, 13, 15];
        int batch = inputs.Length;
        // Per kind: the target rows and, per cell (t, b), whether it counts, its label and its weight.
        int[] targets;
        int[] multiplicity = [1, 2, 1, 1, 3];
        int[] centres = [3, 9, 5, 7, 14, 3, 20, 9, 2];          // a CBOW batch's own words (3 and 9 twice)
        byte[] codes = [1, 0, 0, 1, 1];
        var labels = new byte[5, 16];                             // union: 0 off the path, 1 + code on it
        var rng = new Random(5);
        for (int t = 0; t < 5; t++) for (int b = 0; b < batch; b++) labels[t, b] = (byte)rng.Next(3);
        Func<int, int, (bool On, bool Positive, int Weight)> cell;
        switch (kind)
        {
            case Targets.SkipGramNegatives: targets = [3, 9, 14, 2, 22]; cell = (t, _) => (true, t == 0, multiplicity[t]); break;
            case Targets.SkipGramPath: targets = [3, 9, 14, 2, 22]; cell = (t, _) => (true, codes[t] == 0, 1); break;
            case Targets.CbowOwnWords: targets = centres; cell = (t, b) => (t == b, true, 1); break;
            case Targets.CbowSharedNegatives: targets = [3, 9, 14, 2, 22]; cell = (t, b) => (targets[t] != centres[b], false, multiplicity[t]); break;
            default: targets = [3, 9, 14, 2, 22]; cell = (t, b) => (labels[t, b] != 0, labels[t, b] == 1, 1); break;
        }

        var dIn = new double[batch, dimension];
        var dOut = new double[Words, dimension];
        double expectedLoss = 0;
        for (int t = 0; t < targets.Length; t++)
            for (int b = 0; b < batch; b++)
            {
                var (on, positive, weight) = cell(t, b);
                if (!on) continue;
                double f = 0;
                for (int k = 0; k < dimension; k++) f += output[targets[t] * stride + k] * (double)input[inputs[b] * stride + k];
                int index = SigmoidTable.Index((float)f);
                double g = ((positive ? 1 : 0) - sigmoid.Sigmoid[index]) * Alpha * weight;
                expectedLoss -= weight * (positive ? sigmoid.LogSigmoid[index] : sigmoid.LogSigmoidOfNegative[index]);
                for (int k = 0; k < dimension; k++)
                {
                    dOut[targets[t], k] += g * input[inputs[b] * stride + k];
                    dIn[b, k] += g * output[targets[t] * stride + k];
                }
            }

        using var scratch = new TrainingScratch(stride, 8, 8, 8);
        var rows = scratch.Window(scratch.ContextRows);
        for (int b = 0; b < batch; b++) rows.Rows[b] = model.Input.Row(inputs[b]);
        rows.Batch = batch;
        rows.AddDeltas = addDeltas;
        rows.PadRows();
        for (int b = 0; b < batch; b++) new Span<float>(rows.DeltaRows[b], stride).Fill(addDeltas ? 0.5f : float.NaN);
        for (int b = batch; b < rows.Columns; b++) scratch.Centres[b] = -1;
        centres.CopyTo(new Span<int>(scratch.Centres, batch));
        byte* union = scratch.UnionLabels;
        for (int t = 0; t < 5; t++) for (int b = 0; b < rows.Columns; b++) union[t * rows.Columns + b] = b < batch ? labels[t, b] : (byte)0;
        var sigmoids = new TableSigmoidPolicy(sigmoid);
        float loss;
        fixed (int* t = targets, m = multiplicity) fixed (byte* c = codes)
        {
            float* o = model.Output.Data;
            loss = kind switch
            {
                Targets.SkipGramNegatives => Update(strategy, o, stride, rows, new NegativeTargets(sigmoids, t, m, 5, Alpha, true)),
                Targets.SkipGramPath => Update(strategy, o, stride, rows, new PathTargets(sigmoids, t, c, 5, Alpha, true)),
                Targets.CbowOwnWords => Update(strategy, o, stride, rows, new PositiveTargets(sigmoids, scratch.Centres, batch, Alpha, true), diagonal: true),
                Targets.CbowSharedNegatives => Update(strategy, o, stride, rows,
                    new MaskedNegativeTargets(sigmoids, t, m, 5, scratch.Centres, Alpha, true)),
                _ => Update(strategy, o, stride, rows, new UnionPathTargets(sigmoids, t, union, rows.Columns, 5, Alpha, true)),
            };
        }
        Assert.That(loss, Is.EqualTo(expectedLoss).Within(1e-4).Percent);
        for (int b = 0; b < batch; b++)
            for (int k = 0; k < dimension; k++)
                Assert.That(rows.DeltaRows[b][k], Is.EqualTo(dIn[b, k] + (addDeltas ? 0.5 : 0)).Within(2e-6), $"input row {b}[{k}]");
        for (int w = 0; w < Words; w++)
            for (int k = 0; k < dimension; k++)
                Assert.That(model.Output.Row(w)[k] - output[w * stride + k], Is.EqualTo(dOut[w, k]).Within(2e-6), $"output row {w}[{k}]");
        Assert.That(Snapshot(model.Input), Is.EqualTo(input), "the input rows are the caller's to update");
        for (int w = 0; w < Words; w++)
            for (int k = dimension; k < stride; k++)
                Assert.That(model.Output.Row(w)[k], Is.Zero, "padding stays zero");
        Assert.That(new Span<float>(scratch.ZeroRow, stride).ToArray(), Is.All.Zero, "the zero row is never written");
    }

    /// <summary>
    /// A target whose every step is zero (a path node scoring outside the table, which word2vec.c skips)
    /// is dropped from the products by the blocked kernels; the targets after it must still be updated as
    /// the scalar loop updates them.
    /// </summary>
    [Test]
    public void Targets_whose_steps_are_all_zero_leave_the_others_as_the_scalar_loop_does([ValueSource(nameof(Strategies))] KernelStrategy strategy)
    {
        float[] Train(KernelStrategy kernels)
        {
            using var sigmoid = new SigmoidTable();
            using var model = RandomModel(100, 9, scale: 0.3f);
            // Node 9 scores far outside the table with every context: hierarchical softmax skips it.
            foreach (ref float x in model.Output.RowSpan(9)) x = MathF.CopySign(4f, x);
            for (int b = 1; b <= 7; b++)
            {
                var v = model.Input.RowSpan(b);
                var u = model.Output.RowSpan(9);
                for (int k = 0; k < v.Length; k++) v[k] = MathF.Abs(v[k]) * MathF.Sign(u[k]);
            }
            int[] nodes = [10, 9, 12, 13];
            byte[] codes = [0, 1, 1, 0];
            fixed (int* t = nodes) fixed (byte* c = codes)
                return InputRowsOneToSeven(kernels, model, new PathTargets(new TableSigmoidPolicy(sigmoid), t, c, 4, Alpha, true), out _);
        }
        var expected = Train(KernelStrategies.Scalar);
        Assert.That(Train(strategy), Is.EqualTo(expected).Within(2e-6f));
    }

    [Test]
    public void Skipping_the_loss_changes_no_update([ValueSource(nameof(Strategies))] KernelStrategy strategy)
    {
        float[] Train(bool withLoss, out float loss)
        {
            using var sigmoid = new SigmoidTable();
            using var model = RandomModel(100, 3);
            int[] targets = [10, 11, 12, 13];
            int[] ones = [1, 1, 1, 1];
            fixed (int* t = targets, m = ones)
                return InputRowsOneToSeven(strategy, model, new NegativeTargets(new TableSigmoidPolicy(sigmoid), t, m, 4, Alpha, withLoss), out loss);
        }
        var with = Train(true, out float loss);
        var without = Train(false, out _);
        Assert.That(without, Is.EqualTo(with));
        Assert.That(loss, Is.GreaterThan(0));
    }

    [Test]
    public void The_path_union_holds_each_node_once_with_every_centres_code()
    {
        long[] counts = [0, 900, 500, 300, 200, 120, 80, 50, 30, 20, 10, 5, 3, 2, 1];
        using var model = new WordVectorModel(counts.Length, 8, 1, outputRows: false, treeRows: true);
        using var table = new SigmoidTable();
        var options = new TrainingOptions { HierarchicalSoftmax = true, Negative = 0 };
        var tree = new HuffmanTree(counts);
        var heads = new OutputHeads(model, options, new NegativeSamplingStep(model, 0, table, null, null), tree);
        using var scratch = new TrainingScratch(model.Input.Stride, 0, 4, 8);
        int[] batch = [1, 14, 7, 1, 13, 2];
        batch.CopyTo(new Span<int>(scratch.Centres, batch.Length));
        const int columns = 8;
        int count = PathUnion.Build(in heads, scratch.Centres, batch.Length, columns, scratch.UnionNodes, scratch.UnionLabels, scratch.UnionHash, scratch.UnionHashMask);
        var nodes = new Span<int>(scratch.UnionNodes, count).ToArray();
        Assert.That(nodes, Is.Unique);
        var expected = new HashSet<int>();
        for (int b = 0; b < batch.Length; b++)
        {
            int word = batch[b];
            var onPath = new Dictionary<int, byte>();
            for (int d = 0; d < heads.PathLength(word); d++) onPath[heads.Points(word)[d]] = heads.Codes(word)[d];
            expected.UnionWith(onPath.Keys);
            for (int t = 0; t < count; t++)
            {
                byte label = scratch.UnionLabels[t * columns + b];
                Assert.That(label, Is.EqualTo(onPath.TryGetValue(nodes[t], out byte code) ? 1 + code : 0), $"centre {b}, node {nodes[t]}");
            }
        }
        Assert.That(nodes, Is.EquivalentTo(expected));
        Assert.That(new Span<int>(scratch.UnionHash, scratch.UnionHashMask + 1).ToArray(), Is.All.Zero, "the hash is left empty");
    }
}
