using FastW2V.Storage;
using FastW2V.Kernels.Update;
using FastW2V.Kernels;
using FastW2V.Training;
using FastW2V.Training.Batched;
using FastW2V.Training.Losses;
using FastW2V.Training.Loops;

namespace FastW2V.Tests.Training;

/// <summary>
/// The trainer's CBOW batch step (forward, every head on the strategy's kernels, ΔH back to the context
/// rows) against <see cref="BatchedCbowReference"/> with word2vec.c's sigmoid table, for every kernel
/// strategy this CPU runs.
/// </summary>
public unsafe class CbowBatchTests
{
    private const int Words = 20;
    private const float Alpha = 0.05f;

    public static IEnumerable<KernelStrategy> Strategies => KernelStrategies.Supported;

    private readonly struct Step(SentenceContext context, TrainingScratch scratch, int step, int segment, int length,
        int* negatives, int* multiplicity, int count) : IStrategyAction<(float, int)>
    {
        public (float, int) Invoke<TKernels, TUpdate>() where TKernels : struct, IVectorKernels where TUpdate : struct, IUpdateKernels
        {
            var w = scratch.Window(scratch.ContextRows);
            int* positions = stackalloc int[8];
            float* factors = stackalloc float[8];
            var c = context;
            return CbowBatchLoop<TKernels, TUpdate>.TrainBatch(in c, scratch, ref w, step, segment, length, positions, factors,
                negatives, multiplicity, count, null, 0, Alpha, sampled: true);
        }
    }

    private static double[] ToDouble(EmbeddingMatrix m) => new Span<float>(m.Data, m.Rows * m.Stride).ToArray().Select(x => (double)x).ToArray();

    [Test]
    public void A_batch_step_applies_the_batched_cbow_update([ValueSource(nameof(Strategies))] KernelStrategy strategy,
        [Values(20, 100)] int dimension, [Values("ns", "hs", "hs+ns")] string heads, [Values("mean", "compat", "sum")] string hidden)
        => Check(strategy, dimension, heads, hidden, BatchedCbowReference.Example);

    private static void Check(KernelStrategy strategy, int dimension, string heads, string hidden, CbowBatch batch)
    {
        var rng = new Random(4);
        long[] counts = Enumerable.Range(0, Words).Select(i => (long)(1000 - 40 * i)).ToArray();
        var options = new TrainingOptions
        {
            Architecture = Architecture.Cbow, Dimension = dimension, Window = 2, HierarchicalSoftmax = heads.StartsWith("hs"),
            Negative = heads == "hs" ? 0 : 5, CbowSum = hidden == "sum", CbowExactGradient = hidden == "mean",
        };
        using var model = new WordVectorModel(Words, dimension, 1, outputRows: true, treeRows: true);
        foreach (var m in new[] { model.Input, model.Output, model.Tree })
            for (int r = 0; r < m.Rows; r++)
                foreach (ref float x in m.RowSpan(r)) x = (float)(rng.NextDouble() - 0.5) * 0.6f; // scores stay inside the table
        var tree = new HuffmanTree(counts);
        using var table = new SigmoidTable();
        var heads_ = new OutputHeads(model, options, new NegativeSamplingStep(model, options.Negative, table, null, null),
            options.HierarchicalSoftmax ? tree : null);
        var context = new SentenceContext(model, options, heads_);
        int stride = model.Input.Stride;
        double[] input = ToDouble(model.Input), output = ToDouble(model.Output), treeRows = ToDouble(model.Tree);
        double expected = BatchedCbowReference.Apply(input, output, treeRows, dimension, stride, batch, options.Negative > 0,
            options.HierarchicalSoftmax ? tree : null, mean: hidden != "sum", divide: hidden == "mean", Alpha, (f, isTree) =>
            {
                Assert.That(Math.Abs(f), Is.LessThan(SigmoidTable.MaxExp), "the test keeps every score inside the table");
                return table.Sigmoid[SigmoidTable.Index((float)f)];
            });

        using var scratch = new TrainingScratch(stride, 5, 2, 8);
        batch.Sentence.CopyTo(new Span<int>(scratch.Sentence, batch.Sentence.Length));
        for (int b = 0; b < batch.Centres.Length; b++)
        {
            scratch.WindowFrom[batch.Centres[b]] = batch.Windows[b].From;
            scratch.WindowTo[batch.Centres[b]] = batch.Windows[b].To;
        }
        float loss;
        int size;
        fixed (int* negatives = batch.Negatives, multiplicity = batch.Multiplicity)
            (loss, size) = StrategyTypes.Invoke<Step, (float, int)>(strategy,
                new Step(context, scratch, step: 1, segment: 4, batch.Sentence.Length, negatives, multiplicity, batch.Negatives.Length));
        GC.KeepAlive(tree);

        Assert.That(size, Is.EqualTo(batch.Centres.Length));
        Assert.That(loss, Is.EqualTo(expected).Within(1e-4).Percent);
        Assert.That(ToDouble(model.Input), Is.EqualTo(input).Within(2e-6), "input rows");
        if (options.Negative > 0) Assert.That(ToDouble(model.Output), Is.EqualTo(output).Within(2e-6), "output rows");
        if (options.HierarchicalSoftmax) Assert.That(ToDouble(model.Tree), Is.EqualTo(treeRows).Within(2e-6), "tree rows");
    }
}
