using System.Runtime.CompilerServices;
using FastW2V.Corpus;
using FastW2V.Kernels;
using FastW2V.Sampling;
using FastW2V.Training.Losses;

namespace FastW2V.Training;

/// <summary>
/// One Hogwild worker: reads its contiguous range of the encoded corpus for every epoch, builds
/// sentences (subsampled, at most 1000 words, cut at &lt;/s&gt;) and trains skip-gram or CBOW pairs on
/// the shared matrices without locks. Generic over the kernel struct and the skip-gram pair update
/// so every call in the loop is inlined for one instruction set (and, with registers, one row width).
/// Skip-gram with negative sampling runs as HogBatch windows unless the options turn batching off.
/// </summary>
internal sealed unsafe class TrainingWorker<TKernels, TUpdate>
    where TKernels : struct, IVectorKernels
    where TUpdate : struct, ISkipGramUpdate
{
    private const int AlphaUpdateWords = 10_000;
    private readonly WordVectorModel _model;
    private readonly TrainingOptions _options;
    private readonly NegativeSamplingStep _ns;
    private readonly OutputHeads _heads;
    private readonly uint* _keep;
    private readonly SharedTrainingState _shared;
    private readonly long _totalWords; // iterations × tokens: the learning-rate schedule's end
    private readonly float _startAlpha;

    public TrainingWorker(WordVectorModel model, TrainingOptions options, OutputHeads heads, uint* keepThresholds,
        SharedTrainingState shared, long totalWords)
    {
        _model = model;
        _options = options;
        _heads = heads;
        _ns = heads.Ns;
        _keep = keepThresholds;
        _shared = shared;
        _totalWords = totalWords;
        _startAlpha = options.StartingAlpha;
    }

    public void Run(int thread, List<(nint Ids, long Count)> segments, TrainingScratch scratch, ref WorkerStats stats)
    {
        var rng = new FastRandom(_options.Seed * 0x9E3779B97F4A7C15UL + (ulong)thread + 1);
        var negatives = new NegativeStream(scratch.Negatives, _options.Seed * 0xD1B54A32D192ED03UL + (ulong)thread + 1);
        float alpha = _startAlpha;
        long words = 0, reported = 0;
        for (int epoch = 0; epoch < _options.Iterations; epoch++)
        {
            if (_shared.Stop) return;
            foreach (var (ids, count) in segments)
            {
                long pos = 0;
                while (pos < count)
                {
                    if (_shared.Stop) return;
                    int length = ReadSentence((int*)ids, count, ref pos, scratch.Sentence, ref rng, ref words);
                    if (words - reported >= AlphaUpdateWords)
                    {
                        long done = Interlocked.Add(ref _shared.WordsDone, words - reported);
                        reported = words;
                        alpha = Math.Max(_startAlpha * (1 - done / (float)(_totalWords + 1)), _startAlpha * 1e-4f);
                    }
                    double loss;
                    long examples;
                    if (_options.Architecture == Architecture.Cbow)
                        (loss, examples) = CbowSentence(scratch, length, alpha, ref rng, ref negatives);
                    else if (_options.Batch && !_options.FullSoftmax)
                        (loss, examples) = SkipGramWindows(scratch, length, alpha, ref rng, ref negatives);
                    else if (!_options.NegativeSamplingOnly)
                        (loss, examples) = SkipGramAnyLoss(scratch, length, alpha, ref rng, ref negatives);
                    else
                        (loss, examples) = SkipGramSentence(scratch, length, alpha, ref rng, ref negatives);
                    stats.LossSum += loss;
                    stats.LossCount += examples;
                    Volatile.Write(ref stats.Words, words);
                }
            }
            // Between epochs, when asked: all workers stop here while the model is looked at.
            if (epoch + 1 < _options.Iterations) _shared.EpochBarrier?.SignalAndWait();
        }
        Interlocked.Add(ref _shared.WordsDone, words - reported);
    }

    /// <summary>word2vec.c's sentence: kept words up to 1000, ending at &lt;/s&gt; (id 0), which is counted but not kept.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int ReadSentence(int* ids, long count, ref long pos, int* sentence, ref FastRandom rng, ref long words)
    {
        int n = 0;
        while (pos < count && n < TrainingScratch.MaxSentence)
        {
            int id = ids[pos++];
            words++;
            if (id == 0) break;
            if (rng.Next() > _keep[id]) continue; // subsampling: keep with word2vec.c's probability
            sentence[n++] = id;
        }
        return n;
    }

    /// <summary>Draws every position's dynamic window (word2vec.c's uniform shrink) up front.</summary>
    private void DrawWindows(TrainingScratch s, int length, ref FastRandom rng)
    {
        int window = _options.Window;
        for (int i = 0; i < length; i++)
        {
            int shrink = (int)rng.NextBelow((uint)window);
            s.WindowFrom[i] = Math.Max(0, i - window + shrink);
            s.WindowTo[i] = Math.Min(length - 1, i + window - shrink);
        }
    }

    /// <summary>The next (centre i, context j) pair of the sentence in order; false at the end.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool NextPair(TrainingScratch s, int length, ref int i, ref int j)
    {
        j++;
        if (j == i) j++;
        while (j > s.WindowTo[i])
        {
            if (++i >= length) return false;
            j = s.WindowFrom[i];
            if (j == i) j++;
        }
        return true;
    }

    /// <summary>
    /// Skip-gram over one sentence, software-pipelined: while pair p is trained, the negatives of pair
    /// p + 1 are already drawn and their rows (and its input row) are on their way into the cache, so
    /// the random-row misses that bound the classic loop overlap with the arithmetic.
    /// </summary>
    private (double Loss, long Examples) SkipGramSentence(TrainingScratch s, int length, float alpha, ref FastRandom rng, ref NegativeStream negatives)
    {
        int stride = _ns.Stride;
        int* sentence = s.Sentence;
        float* input = _model.Input.Data;
        DrawWindows(s, length, ref rng);
        int i = 0, j = s.WindowFrom[0] - 1;
        if (length == 0 || !NextPair(s, length, ref i, ref j)) return (0, 0);
        int* current = s.Targets, next = s.NextTargets;
        int count = _ns.DrawTargets(sentence[i], current, ref negatives);
        double loss = 0;
        long pairs = 0;
        while (true)
        {
            int ni = i, nj = j;
            bool more = NextPair(s, length, ref ni, ref nj);
            int nextCount = 0;
            if (more)
            {
                nextCount = _ns.DrawTargets(sentence[ni], next, ref negatives);
                EmbeddingMatrix.PrefetchRow(input + (long)sentence[nj] * stride, stride);
            }
            // word2vec.c's orientation: the context word's input vector predicts the centre word.
            loss += TUpdate.Train(in _ns, input + (long)sentence[j] * stride, s.Gradient, current, count, alpha);
            pairs++;
            if (!more) break;
            int* swap = current;
            current = next;
            next = swap;
            count = nextCount;
            i = ni;
            j = nj;
        }
        return (loss, pairs);
    }

    /// <summary>
    /// Skip-gram over one sentence as HogBatch windows: for each centre word, its context rows predict it
    /// together, against one set of negatives (drawn once per window instead of once per pair) and/or
    /// along its Huffman path (which every context of the window walks anyway). The next window's
    /// negatives are drawn ahead and their rows, its path's nodes and the one context row it adds are
    /// prefetched while this window trains.
    /// </summary>
    private (double Loss, long Examples) SkipGramWindows(TrainingScratch s, int length, float alpha, ref FastRandom rng, ref NegativeStream negatives)
    {
        int stride = _model.Input.Stride;
        int* sentence = s.Sentence;
        float* input = _model.Input.Data;
        float** rows = s.ContextRows;
        bool sampled = _options.Negative > 0, tree = _heads.HasTree;
        DrawWindows(s, length, ref rng);
        int* current = s.Targets, next = s.NextTargets;
        int* multiplicity = s.Multiplicity, nextMultiplicity = s.NextMultiplicity;
        int count = sampled && length > 0 ? _ns.DrawSharedTargets(sentence[0], current, multiplicity, ref negatives) : 0;
        double loss = 0;
        long pairs = 0;
        for (int i = 0; i < length; i++)
        {
            int nextCount = 0;
            if (i + 1 < length)
            {
                if (sampled) nextCount = _ns.DrawSharedTargets(sentence[i + 1], next, nextMultiplicity, ref negatives);
                EmbeddingMatrix.PrefetchRow(input + (long)sentence[s.WindowTo[i + 1]] * stride, stride);
            }
            int batch = 0;
            for (int j = s.WindowFrom[i], to = s.WindowTo[i]; j <= to; j++)
                if (j != i) rows[batch++] = input + (long)sentence[j] * stride;
            if (batch > 0)
            {
                if (tree)
                {
                    int word = sentence[i], nextWord = i + 1 < length ? sentence[i + 1] : word;
                    loss += TUpdate.TrainWindow(in _ns, _heads.TreeRows, rows, batch, _heads.Points(word), HuffmanTree.Ones, _heads.Codes(word),
                        _heads.PathLength(word), alpha, s.Deltas, s.WindowScratch, _heads.Points(nextWord), i + 1 < length ? _heads.PathLength(nextWord) : 0);
                }
                if (sampled)
                    loss += TUpdate.TrainWindow(in _ns, _ns.Output, rows, batch, current, multiplicity, null, count, alpha, s.Deltas, s.WindowScratch, next, nextCount);
                pairs += batch;
            }
            int* swap = current; current = next; next = swap;
            swap = multiplicity; multiplicity = nextMultiplicity; nextMultiplicity = swap;
            count = nextCount;
        }
        return (loss, pairs);
    }

    /// <summary>
    /// Skip-gram with hierarchical softmax, the full softmax or both heads (word2vec.c's -hs 1
    /// -negative 5): pair by pair, the context word's input row is the hidden vector of every head.
    /// </summary>
    private (double Loss, long Examples) SkipGramAnyLoss(TrainingScratch s, int length, float alpha, ref FastRandom rng, ref NegativeStream negatives)
    {
        int stride = _model.Input.Stride;
        int* sentence = s.Sentence;
        float* input = _model.Input.Data;
        bool drawNegatives = _options.Negative > 0;
        DrawWindows(s, length, ref rng);
        double loss = 0;
        long pairs = 0;
        for (int i = 0; i < length; i++)
        {
            for (int j = s.WindowFrom[i], to = s.WindowTo[i]; j <= to; j++)
            {
                if (j == i) continue;
                int count = drawNegatives ? _ns.DrawTargets(sentence[i], s.Targets, ref negatives) : 0;
                float* v = input + (long)sentence[j] * stride;
                new Span<float>(s.Gradient, stride).Clear();
                loss += _heads.Apply<TKernels>(v, s.Gradient, sentence[i], s.Targets, count, alpha, s.SoftmaxScratch);
                TKernels.Axpy(1f, s.Gradient, v, stride);
                pairs++;
            }
        }
        return (loss, pairs);
    }

    /// <summary>CBOW over one sentence; the next window's negatives are drawn (and prefetched) ahead.</summary>
    private (double Loss, long Examples) CbowSentence(TrainingScratch s, int length, float alpha, ref FastRandom rng, ref NegativeStream negatives)
    {
        int stride = _model.Input.Stride;
        int* sentence = s.Sentence;
        float* input = _model.Input.Data;
        float* hidden = s.Hidden;
        bool mean = !_options.CbowSum;
        // Mean: the hidden vector is h = (1/n)Σ v_c, so ∂J/∂v_c = (1/n)∂J/∂h. word2vec.c (and
        // gensim with cbow_mean=1) skip the 1/n; --cbow-w2v-compat does the same.
        bool divideGradient = mean && !_options.CbowWord2VecCompat;
        bool drawNegatives = _options.Negative > 0;
        DrawWindows(s, length, ref rng);
        int* current = s.Targets, next = s.NextTargets;
        int count = drawNegatives && length > 0 ? _ns.DrawTargets(sentence[0], current, ref negatives) : 0;
        double loss = 0;
        long windows = 0;
        for (int i = 0; i < length; i++)
        {
            int nextCount = drawNegatives && i + 1 < length ? _ns.DrawTargets(sentence[i + 1], next, ref negatives) : 0;
            int from = s.WindowFrom[i], to = s.WindowTo[i];
            int n = CbowHidden.Forward<float, TKernels>(input, stride, sentence, from, to, i, mean, hidden);
            if (n > 0)
            {
                new Span<float>(s.Gradient, stride).Clear();
                loss += _heads.Apply<TKernels>(hidden, s.Gradient, sentence[i], current, count, alpha, s.SoftmaxScratch);
                CbowHidden.Backward<float, TKernels>(input, stride, sentence, from, to, i, divideGradient ? 1f / n : 1f, s.Gradient);
                windows++;
            }
            int* swap = current;
            current = next;
            next = swap;
            count = nextCount;
        }
        return (loss, windows);
    }
}
