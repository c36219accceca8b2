using System.Runtime.CompilerServices;
using FastW2V.Kernels;
using FastW2V.Training.Losses;

namespace FastW2V.Training;

/// <summary>
/// The losses a run trains, applied in word2vec.c's order to one hidden vector: hierarchical softmax,
/// then negative sampling (both when asked, as word2vec.c's <c>-hs 1 -negative 5</c> trains both heads
/// into one input gradient), or the full softmax alone.
/// </summary>
internal readonly unsafe struct OutputHeads
{
    public readonly NegativeSamplingStep Ns;
    private readonly bool _negative;
    private readonly float* _tree;
    private readonly byte* _codes;
    private readonly int* _points;
    private readonly byte* _lengths;
    private readonly float* _output;
    private readonly bool _softmax;
    private readonly int _words;
    private readonly int _stride;

    /// <summary>Hierarchical softmax is trained (the tree fields below are set).</summary>
    public bool HasTree => _tree != null;
    public float* TreeRows => _tree;
    /// <summary>A word's code bits and path nodes, <see cref="HuffmanTree.MaxCodeLength"/> apart.</summary>
    public byte* Codes(int word) => _codes + (long)word * HuffmanTree.MaxCodeLength;
    public int* Points(int word) => _points + (long)word * HuffmanTree.MaxCodeLength;
    public int PathLength(int word) => _lengths[word];

    public OutputHeads(WordVectorModel model, TrainingOptions options, NegativeSamplingStep ns, HuffmanTree? tree)
    {
        Ns = ns;
        _negative = options.Negative > 0;
        _stride = model.Input.Stride;
        _words = model.Words;
        if (tree != null)
        {
            _tree = model.Tree.Data;
            _codes = tree.CodesBase;
            _points = tree.PointsBase;
            _lengths = tree.LengthsBase;
        }
        _softmax = options.FullSoftmax;
        _output = model.Output.Data;
    }

    /// <summary>Steps every head for predicting <paramref name="word"/>; returns the summed loss.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Apply<TKernels>(float* hidden, float* gradient, int word, int* targets, int count, float alpha,
        float* softmaxScratch)
        where TKernels : struct, IVectorKernels
    {
        float loss = 0;
        if (_tree != null)
            loss += HierarchicalSoftmaxLoss.Apply<float, TKernels, TableSigmoidPolicy>(_tree, _stride, hidden, gradient,
                Codes(word), Points(word), _lengths[word], alpha, in Ns.Sigmoids);
        if (_negative) loss += Ns.Apply<TKernels>(hidden, gradient, targets, count, alpha);
        if (_softmax) loss += FullSoftmaxLoss.Apply<float, TKernels>(_output, _stride, _words, hidden, gradient, word,
            alpha, softmaxScratch);
        return loss;
    }
}
