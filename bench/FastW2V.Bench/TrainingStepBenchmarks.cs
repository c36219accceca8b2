using BenchmarkDotNet.Attributes;
using FastW2V.Corpus;
using FastW2V.Training;
using FastW2V.Vocabularies;
using FastW2V.Preparation;

namespace FastW2V.Bench;

/// <summary>
/// One shard of real text (the first 4 MB of the benchmark corpus, about 680k words) trained for one
/// epoch on one thread: skip-gram batched (the default), skip-gram pair by pair, and CBOW.
/// </summary>
public class TrainingStepBenchmarks
{
    private string _path = "";
    private PreparedCorpus _prepared = null!;

    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(Path.GetTempPath(), $"fw2v-bench-{Environment.ProcessId}.txt");
        File.WriteAllBytes(_path, BenchData.CorpusPrefix(4 << 20));
        _prepared = CorpusPreparation.Prepare(new CorpusSource(_path), new PreparationOptions { Threads = 1, Encode = true, Vocabulary = new VocabularyOptions() });
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _prepared.Dispose();
        File.Delete(_path);
    }

    private double Train(Architecture arch, bool batch, bool hs = false)
    {
        var r = Trainer.Train(_prepared.Vocabulary, _prepared.Encoded!, new TrainingOptions
        {
            Architecture = arch, Batch = batch, Iterations = 1, Threads = 1, Sample = 1e-4,
            HierarchicalSoftmax = hs, Negative = hs ? 0 : 5,
        });
        r.Model.Dispose();
        return r.AverageLoss;
    }

    [Benchmark(Baseline = true)] public double SkipGramBatched() => Train(Architecture.SkipGram, batch: true);
    [Benchmark] public double SkipGramPairs() => Train(Architecture.SkipGram, batch: false);
    [Benchmark] public double SkipGramHierarchicalSoftmax() => Train(Architecture.SkipGram, batch: true, hs: true);
    [Benchmark] public double Cbow() => Train(Architecture.Cbow, batch: false);
}
