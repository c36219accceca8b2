using BenchmarkDotNet.Attributes;
using FastW2V.Kernels;
using FastW2V.Sampling;
using FastW2V.Training.Losses;

namespace FastW2V.Bench;

/// <summary>
/// 10,000 negative draws from the real vocabulary's counts (68k words): the alias table (560 KB) against
/// word2vec.c's 2^23-entry table (32 MB); and 10,000 sigmoid steps, table against exact.
/// </summary>
public unsafe class SamplingBenchmarks
{
    private const int Draws = 10_000;
    private AliasTable _alias = null!;
    private UnigramTable _table = null!;
    private SigmoidTable _sigmoid = null!;
    private float[] _scores = [];

    [GlobalSetup]
    public void Setup()
    {
        // Zipf counts over 68k words: the shape of the benchmark corpus's vocabulary.
        long[] counts = Enumerable.Range(1, 68_000).Select(r => (long)(1_000_000.0 / r) + 5).ToArray();
        _alias = new AliasTable(counts);
        _table = new UnigramTable(counts);
        _sigmoid = new SigmoidTable();
        var rng = new Random(1);
        _scores = Enumerable.Range(0, Draws).Select(_ => (float)(rng.NextDouble() * 16 - 8)).ToArray();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _alias.Dispose();
        _table.Dispose();
        _sigmoid.Dispose();
    }

    [Benchmark(Baseline = true)]
    public long AliasDraws()
    {
        var rng = new FastRandom(7);
        long sum = 0;
        for (int i = 0; i < Draws; i++) sum += _alias.Draw(rng.Next());
        return sum;
    }

    [Benchmark]
    public long TableDraws()
    {
        var rng = new FastRandom(7);
        long sum = 0;
        for (int i = 0; i < Draws; i++) sum += _table.Entries[rng.Next() >> (32 - _table.Bits)];
        return sum;
    }

    [Benchmark]
    public float SigmoidTableSteps()
    {
        var table = new TableSigmoidPolicy(_sigmoid);
        float loss = 0, sum = 0;
        foreach (float f in _scores) sum += table.Step(f, f > 0, 0.025f, ref loss);
        return sum + loss;
    }

    [Benchmark]
    public float SigmoidExactSteps()
    {
        var exact = new ExactSigmoidPolicy<float>();
        float loss = 0, sum = 0;
        foreach (float f in _scores) sum += exact.Step(f, f > 0, 0.025f, ref loss);
        return sum + loss;
    }
}
