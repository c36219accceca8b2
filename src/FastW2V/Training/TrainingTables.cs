using FastW2V.Kernels;
using FastW2V.Sampling;
using FastW2V.Training.Losses;
using FastW2V.Vocabularies;
using Microsoft.Extensions.ObjectPool;

namespace FastW2V.Training;

/// <summary>
/// What every worker reads and nobody writes during a run: the sigmoid table, the negative sampler, the
/// subsampling thresholds, the Huffman tree and the output heads over them, and the pool of per-worker
/// scratch memory. Built once before the threads start, freed after they have all ended.
/// </summary>
internal sealed unsafe class TrainingTables : IDisposable
{
    private readonly SigmoidTable _sigmoid = new();
    private readonly AliasTable? _alias;
    private readonly UnigramTable? _unigram;
    // Pinned for the run: the workers read the thresholds and the tree's arrays through raw pointers.
    private readonly uint[] _keep;
    private readonly HuffmanTree? _tree;
    private readonly IDisposable? _poolLifetime;

    public OutputHeads Heads { get; }
    public uint* Keep { get; }
    public ObjectPool<TrainingScratch> Scratch { get; }

    public TrainingTables(Vocabulary vocabulary, WordVectorModel model, TrainingOptions options)
    {
        // A table that fails to build (out of memory) must not leave the ones before it allocated.
        try
        {
            long[] counts = vocabulary.GetCounts();
            bool negatives = options.Negative > 0;
            _alias = negatives && options.Sampler == NegativeSamplerKind.Alias ? new AliasTable(counts) : null;
            _unigram = negatives && options.Sampler == NegativeSamplerKind.Table ? new UnigramTable(counts) : null;
            var thresholds = new SubsamplingTable(vocabulary, options.Sample).Thresholds;
            _keep = GC.AllocateUninitializedArray<uint>(Math.Max(1, thresholds.Length), pinned: true);
            thresholds.CopyTo(_keep);
            Keep = (uint*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref _keep[0]);
            var ns = new NegativeSamplingStep(model, options.Negative, _sigmoid, _alias, _unigram);
            _tree = options.HierarchicalSoftmax ? new HuffmanTree(counts) : null;
            Heads = new OutputHeads(model, options, ns, _tree);
            // The provider makes a disposable pool for IDisposable objects: disposing it frees the buffers.
            Scratch = new DefaultObjectPoolProvider { MaximumRetained = options.Threads }
                .Create(new TrainingScratch.Policy(model.Input.Stride, options.Negative,
                    options.Architecture == Architecture.SkipGram ? options.Window : 0,
                    options.Architecture == Architecture.Cbow && options.Batch ? options.CbowBatch : 0,
                    options.FullSoftmax ? model.Words : 0));
            _poolLifetime = Scratch as IDisposable;
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _poolLifetime?.Dispose();
        _alias?.Dispose();
        _unigram?.Dispose();
        _sigmoid.Dispose();
        GC.KeepAlive(_tree);
    }
}
