using FastW2V.Kernels.Update;
using BenchmarkDotNet.Attributes;
using FastW2V.Kernels;
using FastW2V.Kernels.Blocked;
using FastW2V.Sampling;
using FastW2V.Training;
using FastW2V.Training.Batched;
using FastW2V.Training.Losses;

namespace FastW2V.Bench;

/// <summary>
/// The skip-gram negative-sampling update alone, rows hot in cache: 1000 HogBatch windows and 1 + 5
/// targets over a 512-word model, per kernel strategy, and word2vec.c's pair updates. The windows hold
/// 2, 4, 6, 8 and 10 contexts in turn, as word2vec.c's dynamic window gives with -window 5 (6 on
/// average): a benchmark of full windows of 8 hid the cost of padding short ones. Memory latency is
/// left out on purpose: this is the arithmetic each strategy costs.
/// </summary>
public unsafe class WindowUpdateBenchmarks
{
    private const int Windows = 1000, MaxBatch = 10, Targets = 6, Words = 512;
    private static int Batch(int window) => 2 + 2 * (window % 5);
    private WordVectorModel _model = null!;
    private SigmoidTable _sigmoid = null!;
    private NegativeSamplingStep _ns;
    private int[] _contexts = [], _targets = [], _multiplicity = [];
    private TrainingScratch _scratch = null!;

    [Params(100, 300)]
    public int Dimension { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _model = new WordVectorModel(Words, Dimension, 1);
        _sigmoid = new SigmoidTable();
        _ns = new NegativeSamplingStep(_model, Targets - 1, _sigmoid, null, null);
        var rng = new Random(1);
        _contexts = Enumerable.Range(0, Windows * MaxBatch).Select(_ => rng.Next(Words)).ToArray();
        _targets = Enumerable.Range(0, Windows).SelectMany(_ => Enumerable.Range(0, Words).OrderBy(_ => rng.Next()).Take(Targets)).ToArray();
        _multiplicity = Enumerable.Repeat(1, Targets).ToArray();
        _scratch = new TrainingScratch(_model.Input.Stride, Targets - 1, MaxBatch / 2, 8);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _model.Dispose();
        _sigmoid.Dispose();
        _scratch.Dispose();
    }

    private float Windowed<TKernels, TUpdate>() where TKernels : struct, IVectorKernels where TUpdate : struct, IUpdateKernels
    {
        float loss = 0;
        int stride = _model.Input.Stride;
        float** rows = _scratch.ContextRows;
        var w = _scratch.Window(rows);
        fixed (int* contexts = _contexts, targets = _targets, multiplicity = _multiplicity)
            for (int i = 0; i < Windows; i++)
            {
                w.Batch = Batch(i);
                for (int b = 0; b < w.Batch; b++) rows[b] = _model.Input.Row(contexts[i * MaxBatch + b]);
                w.PadRows();
                var t = new NegativeTargets(_ns.Sigmoids, targets + i * Targets, multiplicity, Targets, 1e-3f, withLoss: (i & 7) == 0);
                loss += TUpdate.TrainWindow(_ns.Output, stride, in w, ref t);
                for (int b = 0; b < w.Batch; b++) TKernels.Axpy(1f, w.DeltaRows[b], rows[b], stride);
            }
        return loss;
    }

    private float Pairs<TKernels>() where TKernels : struct, IVectorKernels
    {
        float loss = 0;
        fixed (int* contexts = _contexts, targets = _targets)
            for (int i = 0; i < Windows; i++)
                for (int b = 0; b < Batch(i); b++)
                    loss += LoopUpdateKernels<TKernels>.Train(in _ns, _model.Input.Row(contexts[i * MaxBatch + b]), _scratch.Gradient, targets + i * Targets, Targets, 1e-3f);
        return loss;
    }

    [Benchmark(Baseline = true)] public float PairsLoopAvx512() => Pairs<VectorKernelsV512>();
    [Benchmark] public float PairsLoopAvx2() => Pairs<VectorKernelsV256>();
    [Benchmark] public float WindowLoopAvx512() => Windowed<VectorKernelsV512, LoopUpdateKernels<VectorKernelsV512>>();
    [Benchmark] public float WindowLoopAvx2() => Windowed<VectorKernelsV256, LoopUpdateKernels<VectorKernelsV256>>();
    [Benchmark] public float WindowBlockedAvx512() => Windowed<VectorKernelsV512, BlockedUpdateKernels<Float512, VectorKernelsV512>>();
    [Benchmark] public float WindowBlockedAvx2() => Windowed<VectorKernelsV256, BlockedUpdateKernels<Float256, VectorKernelsV256>>();
}
