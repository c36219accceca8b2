using BenchmarkDotNet.Attributes;
using FastW2V.Kernels;
using FastW2V.Sampling;
using FastW2V.Training;

namespace FastW2V.Bench;

/// <summary>
/// The skip-gram negative-sampling update alone, rows hot in cache: 1000 windows of 8 contexts and
/// 1 + 5 targets over a 512-word model (d = 100), as HogBatch windows (register-blocked AVX-512 and the
/// level-1 loop kernels) and as word2vec.c's 8 × 6 pair updates. Memory latency is left out on purpose:
/// this is the arithmetic each strategy costs.
/// </summary>
public unsafe class WindowUpdateBenchmarks
{
    private const int Windows = 1000, Batch = 8, Targets = 6, Words = 512;
    private WordVectorModel _model = null!;
    private SigmoidTable _sigmoid = null!;
    private NegativeSamplingStep _ns;
    private int[] _contexts = [], _targets = [], _multiplicity = [];
    private AlignedBuffer _scratch = null!;
    private float** _rows;

    [Params(100)]
    public int Dimension { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _model = new WordVectorModel(Words, Dimension, 1);
        _sigmoid = new SigmoidTable();
        _ns = new NegativeSamplingStep(_model, Targets - 1, _sigmoid, null, null);
        var rng = new Random(1);
        _contexts = Enumerable.Range(0, Windows * Batch).Select(_ => rng.Next(Words)).ToArray();
        _targets = Enumerable.Range(0, Windows).SelectMany(_ => Enumerable.Range(0, Words).OrderBy(_ => rng.Next()).Take(Targets)).ToArray();
        _multiplicity = Enumerable.Repeat(1, Targets).ToArray();
        int stride = _model.Input.Stride;
        _scratch = new AlignedBuffer(((Batch + 2L) * stride + Batch * 8L) * sizeof(float));
        _rows = (float**)((float*)_scratch.Pointer + (Batch + 2L) * stride);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _model.Dispose();
        _sigmoid.Dispose();
        _scratch.Dispose();
    }

    private float Windowed<TUpdate>() where TUpdate : struct, ISkipGramUpdate
    {
        float loss = 0;
        int stride = _model.Input.Stride;
        float* deltas = (float*)_scratch.Pointer, scratch = deltas + Batch * stride;
        fixed (int* contexts = _contexts, targets = _targets, multiplicity = _multiplicity)
            for (int w = 0; w < Windows; w++)
            {
                for (int b = 0; b < Batch; b++) _rows[b] = _model.Input.Row(contexts[w * Batch + b]);
                loss += TUpdate.TrainWindow(in _ns, _ns.Output, _rows, Batch, targets + w * Targets, multiplicity, null, Targets, 1e-3f, deltas, scratch, null, 0);
            }
        return loss;
    }

    private float Pairs<TUpdate>() where TUpdate : struct, ISkipGramUpdate
    {
        float loss = 0;
        float* gradient = (float*)_scratch.Pointer;
        fixed (int* contexts = _contexts, targets = _targets)
            for (int w = 0; w < Windows; w++)
                for (int b = 0; b < Batch; b++)
                    loss += TUpdate.Train(in _ns, _model.Input.Row(contexts[w * Batch + b]), gradient, targets + w * Targets, Targets, 1e-3f);
        return loss;
    }

    [Benchmark(Baseline = true)] public float PairsLoopV512() => Pairs<LoopSkipGramUpdate<VectorKernelsV512>>();
    [Benchmark] public float PairsRegisterV512() => Dimension == 100 ? Pairs<RegisterSkipGramUpdateV512<Width7>>() : float.NaN;
    [Benchmark] public float WindowLoopV512() => Windowed<LoopSkipGramUpdate<VectorKernelsV512>>();
    [Benchmark] public float WindowLoopV256() => Windowed<LoopSkipGramUpdate<VectorKernelsV256>>();
    [Benchmark] public float WindowRegisterV512() => Dimension == 100 ? Windowed<RegisterSkipGramUpdateV512<Width7>>() : float.NaN;
}
