using FastW2V.Kernels.Update;
using System.Runtime.CompilerServices;
using FastW2V.Kernels;
using FastW2V.Sampling;
using FastW2V.Training.Loops;

namespace FastW2V.Training;

/// <summary>
/// One Hogwild worker: reads its contiguous range of the encoded corpus for every epoch, builds
/// sentences (subsampled, at most 1000 words, cut at &lt;/s&gt;), keeps word2vec.c's learning-rate
/// schedule, and hands each sentence to the loop of its architecture and batching (Loops/), all on the
/// shared matrices without locks. Generic over the level-1 kernels and the update kernels of one
/// strategy, so every call in the loops is inlined for one instruction set.
/// </summary>
internal sealed unsafe class TrainingWorker<TKernels, TUpdate>
    where TKernels : struct, IVectorKernels
    where TUpdate : struct, IUpdateKernels
{
    private const int AlphaUpdateWords = 10_000;
    private readonly TrainingOptions _options;
    private readonly SentenceContext _context;
    private readonly uint* _keep;
    private readonly SharedTrainingState _shared;
    private readonly long _totalWords; // iterations × tokens (of all MPI ranks): the learning-rate schedule's end
    private readonly float _startAlpha;
    /// <summary>Whole sentences are packed into one buffer (batched CBOW: short sentences still fill
    /// batches).</summary>
    private readonly bool _pack;

    public TrainingWorker(WordVectorModel model, TrainingOptions options, OutputHeads heads, uint* keepThresholds,
        SharedTrainingState shared, long totalWords)
    {
        _options = options;
        _context = new SentenceContext(model, options, heads);
        _keep = keepThresholds;
        _shared = shared;
        _totalWords = totalWords;
        _startAlpha = options.StartingAlpha;
        _pack = options.Architecture == Architecture.Cbow && options.Batch && !options.FullSoftmax;
    }

    /// <param name="start">Where to resume (null: the beginning).</param>
    /// <param name="record">Receives this worker's position whenever a checkpoint parks it, and when it leaves.</param>
    public void Run(int thread, List<(nint Ids, long Count)> segments, TrainingScratch scratch, ref WorkerStats stats,
        WorkerPosition? start, WorkerPosition record)
    {
        ulong stream = (ulong)(_shared.FirstWorker + thread) + 1;
        var rng = new FastRandom(_options.Seed * 0x9E3779B97F4A7C15UL + stream);
        var negatives = new NegativeStream(scratch.Negatives, _options.Seed * 0xD1B54A32D192ED03UL + stream);
        float alpha = _startAlpha;
        long words = 0, reported = 0;
        int epoch = 0;
        long skip = 0; // tokens of the range to pass over in the first epoch (a resumed run)
        if (start != null)
        {
            (epoch, skip, words, reported, alpha) = (start.Epoch, start.Offset, start.Words, start.Reported,
                start.Alpha);
            rng = FastRandom.FromState(start.Rng);
            negatives.RestoreFrom(start);
            (stats.LossSum, stats.LossCount, stats.Words) = (start.LossSum, start.LossCount, start.Words);
        }
        long offset = skip;
        var gate = _shared.Gate;
        for (; epoch < _options.Iterations; epoch++, skip = 0)
        {
            offset = 0;
            foreach (var (ids, count) in segments)
            {
                long pos = Math.Clamp(skip - offset, 0, count);
                offset += pos;
                while (pos < count)
                {
                    if (_shared.Stop) { Record(record, epoch, offset, words, reported, alpha, rng, negatives,
                        stats); return; }
                    int generation = gate.Generation;
                    if (gate.Requested)
                    {
                        Record(record, epoch, offset, words, reported, alpha, rng, negatives, stats);
                        gate.Park(generation);
                    }
                    long before = pos;
                    int length = _pack
                        ? ReadSentences((int*)ids, count, ref pos, scratch, ref rng, ref words)
                        : ReadSentence((int*)ids, count, ref pos, scratch.Sentence, ref rng, ref words);
                    offset += pos - before;
                    if (!_pack) { scratch.SentenceEnds[0] = length; scratch.Sentences = 1; }
                    if (words - reported >= AlphaUpdateWords)
                    {
                        Interlocked.Add(ref _shared.WordsDone, words - reported);
                        reported = words;
                        alpha = _options.AlphaAt(_shared.JobWordsDone, _totalWords);
                    }
                    var (loss, examples) = TrainSentence(scratch, length, alpha, ref rng, ref negatives);
                    stats.LossSum += loss;
                    stats.LossCount += examples;
                    Volatile.Write(ref stats.Words, words);
                }
            }
            _shared.EpochMeter?.EpochEnded(thread, epoch, stats.LossSum, stats.LossCount);
            if (epoch + 1 == _options.Iterations) continue;
            if (gate.WatchesEpochEnds) // the epoch's checkpoint: at the next epoch's start
            {
                Record(record, epoch + 1, 0, words, reported, alpha, rng, negatives, stats);
                gate.WaitAtEpochEnd(thread, epoch + 1, () => _shared.Stop);
            }
            // Between epochs, when asked: all workers stop here while the model is looked at.
            _shared.EpochBarrier?.SignalAndWait();
        }
        Interlocked.Add(ref _shared.WordsDone, words - reported);
        Record(record, epoch, 0, words, words, alpha, rng, negatives, stats);
    }

    private static void Record(WorkerPosition r, int epoch, long offset, long words, long reported, float alpha,
        in FastRandom rng, in NegativeStream negatives, in WorkerStats stats)
    {
        (r.Epoch, r.Offset, r.Words, r.Reported, r.Alpha, r.Rng) = (epoch, offset, words, reported, alpha, rng.State);
        negatives.SaveTo(r);
        (r.LossSum, r.LossCount) = (stats.LossSum, stats.LossCount);
    }

    private (double Loss, long Examples) TrainSentence(TrainingScratch s, int length, float alpha, ref FastRandom rng,
        ref NegativeStream negatives)
    {
        bool batch = _options.Batch && !_options.FullSoftmax;
        if (_options.Architecture == Architecture.Cbow)
            return batch
                ? CbowBatchLoop<TKernels, TUpdate>.Train(in _context, s, length, alpha, ref rng, ref negatives)
                : CbowWindowLoop<TKernels>.Train(in _context, s, length, alpha, ref rng, ref negatives);
        if (batch) return SkipGramWindowLoop<TKernels, TUpdate>.Train(in _context, s, length, alpha, ref rng,
            ref negatives);
        return _options.NegativeSamplingOnly
            ? SkipGramPairLoop<TUpdate>.Train(in _context, s, length, alpha, ref rng, ref negatives)
            : SkipGramHeadsLoop<TKernels>.Train(in _context, s, length, alpha, ref rng, ref negatives);
    }

    /// <summary>
    /// Whole sentences (<see cref="ReadSentence"/>) until the buffer holds at least 1000 words (so at
    /// most 1999), their ends in <see cref="TrainingScratch.SentenceEnds"/>; empty ones are dropped.
    /// </summary>
    private int ReadSentences(int* ids, long count, ref long pos, TrainingScratch s, ref FastRandom rng, ref long words)
    {
        int n = 0;
        s.Sentences = 0;
        while (n < TrainingScratch.MaxSentence && pos < count)
        {
            int length = ReadSentence(ids, count, ref pos, s.Sentence + n, ref rng, ref words);
            if (length == 0) continue;
            n += length;
            s.SentenceEnds[s.Sentences++] = n;
        }
        return n;
    }

    /// <summary>word2vec.c's sentence: kept words up to 1000, ending at &lt;/s&gt; (id 0), which is counted but not
    /// kept.</summary>
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
}
