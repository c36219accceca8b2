using FastW2V.Storage;
using System.Diagnostics;
using System.Numerics;
using FastW2V.Training;

namespace FastW2V.Distributed;

/// <summary>
/// The communication thread of an MPI job. Each round starts with a small Allreduce of the ranks'
/// word counts and states (finished, stopping), so all ranks agree on the learning rate's global word
/// count and on when to end; then the rows the <see cref="SyncSchedule"/> names are merged while the
/// Hogwild workers go on training.
/// Merging adds up the ranks' changes rather than averaging the models: every rank keeps the rows'
/// value at their last merge (the base, the same on every rank), and a merge makes each row
/// <c>base + Σ over ranks (row − base)</c>, which is what one process's Hogwild threads would have
/// made of the same updates. (A plain average loses accuracy: each update would get 1/ranks of its
/// weight.) A worker's update made while its rows are in flight is kept too: each chunk is copied, summed
/// across ranks from the copy, and the row becomes <c>row + (merged − copy)</c>.
/// </summary>
internal sealed unsafe class ModelMerger : IDisposable
{
    /// <summary>Floats per chunk: 4 MiB buffers, so a round needs 8 MiB beyond the bases.</summary>
    private const int ChunkFloats = 1 << 20;
    private readonly DistributedTraining _job;
    private readonly WordVectorModel _model;
    private readonly SharedTrainingState _shared;
    private readonly int _threads;
    private readonly Func<bool> _stopRequested;
    private readonly AlignedBuffer _copy = new(ChunkFloats * sizeof(float), zero: false);
    private readonly AlignedBuffer _sum = new(ChunkFloats * sizeof(float), zero: false);
    /// <summary>Each matrix's rows as of their last merge (at first: the start, the same on every rank).</summary>
    private readonly AlignedBuffer[] _bases;
    private readonly Thread _thread;
    private readonly Stopwatch _clock = new();
    private long _rounds, _payload;
    private TimeSpan _busy;

    /// <summary>The round ended the run on every rank because some rank was stopped (a signal).</summary>
    public bool StoppedByAnyRank { get; private set; }
    public Exception? Error { get; private set; }
    public SyncFigures Figures => new(_rounds, _payload, _busy);

    public ModelMerger(DistributedTraining job, WordVectorModel model, SharedTrainingState shared, int threads,
        Func<bool> stopRequested)
    {
        (_job, _model, _shared, _threads, _stopRequested) = (job, model, shared, threads, stopRequested);
        _bases =
            Matrices.Select(m => new AlignedBuffer((long)m.Rows * m.Stride * sizeof(float), zero: false)).ToArray();
        _thread = new Thread(Run) { IsBackground = true, Name = "fw2v merging" };
    }

    private EmbeddingMatrix[] Matrices => [_model.Input, _model.Output, _model.Tree];

    /// <summary>Call once the model holds its starting values (the same on every rank: the same seed, the same initial
    /// vectors).</summary>
    public void Start()
    {
        var matrices = Matrices;
        for (int m = 0; m < matrices.Length; m++)
            Buffer.MemoryCopy(matrices[m].Data, _bases[m].Pointer, _bases[m].ByteLength, _bases[m].ByteLength);
        _clock.Start();
        _thread.Start();
    }

    public bool Join(int milliseconds) => _thread.Join(milliseconds);

    /// <summary>Started and not yet ended (false before <see cref="Start"/>, where Join would throw).</summary>
    public bool IsRunning => _thread.IsAlive;

    private void Run()
    {
        try
        {
            int size = _job.Ranks.Size;
            for (long round = 1; ; round++)
            {
                bool finished;
                while (!(finished = _shared.Gate.AllLeft(_threads)) && !Due(round) && !_shared.Stop) Thread.Sleep(2);
                long local = Volatile.Read(ref _shared.WordsDone);
                Span<long> state = [local, finished ? 1 : 0, _stopRequested() || (_shared.Stop && !finished) ? 1 : 0];
                _job.Ranks.AllreduceSumPolling(state);
                Volatile.Write(ref _shared.RemoteWords, state[0] - local);
                if (state[2] > 0)
                {
                    StoppedByAnyRank = true;
                    _shared.Stop = true;
                    return;
                }
                bool last = state[1] == size;
                var started = _clock.Elapsed;
                MergeRows(round, last);
                _busy += _clock.Elapsed - started;
                _rounds++;
                if (last) return;
            }
        }
        catch (Exception e)
        {
            Error = e;
            _shared.Stop = true;
        }
    }

    private bool Due(long round) => _job.Trigger.Seconds > 0
        ? _clock.Elapsed.TotalSeconds >= round * _job.Trigger.Seconds
        // Each rank's share of the words between rounds (the ranks' parts are the same size).
        : Volatile.Read(ref _shared.WordsDone) >= round * Math.Max(1, _job.Trigger.Words / _job.Ranks.Size);

    private void MergeRows(long round, bool last)
    {
        var matrices = Matrices;
        for (int m = 0; m < matrices.Length; m++)
        {
            var matrix = matrices[m];
            if (matrix.Rows == 0) continue;
            // The tree's inner nodes run the other way: the last ones, near the root, are on every word's path.
            bool reversed = ReferenceEquals(matrix, _model.Tree);
            foreach (var (start, end) in _job.Schedule.Bands(matrix.Rows, round, last))
            {
                long first = (long)(reversed ? matrix.Rows - end : start) * matrix.Stride;
                Merge(matrix.Data + first, (float*)_bases[m].Pointer + first, (long)(end - start) * matrix.Stride);
            }
        }
    }

    private void Merge(float* rows, float* bases, long floats)
    {
        float* copy = (float*)_copy.Pointer, sum = (float*)_sum.Pointer;
        for (long at = 0; at < floats; at += ChunkFloats)
        {
            int n = (int)Math.Min(ChunkFloats, floats - at);
            Buffer.MemoryCopy(rows + at, copy, (long)n * sizeof(float), (long)n * sizeof(float));
            _job.Ranks.AllreduceSum(copy, sum, n);
            AddChanges(rows + at, bases + at, copy, sum, _job.Ranks.Size - 1, n);
            _payload += (long)n * sizeof(float);
        }
    }

    /// <summary>
    /// merged = base + Σ(copy − base) = sum − (ranks − 1)·base; the row becomes merged plus what the
    /// workers changed since the copy (row − copy), and merged is the next base.
    /// </summary>
    private static void AddChanges(float* row, float* bases, float* copy, float* sum, int others, int n)
    {
        int i = 0;
        var k = new Vector<float>(others);
        for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
        {
            var merged = Vector.Load(sum + i) - k * Vector.Load(bases + i);
            (Vector.Load(row + i) + merged - Vector.Load(copy + i)).Store(row + i);
            merged.Store(bases + i);
        }
        for (; i < n; i++)
        {
            float merged = sum[i] - others * bases[i];
            row[i] += merged - copy[i];
            bases[i] = merged;
        }
    }

    public void Dispose()
    {
        _copy.Dispose();
        _sum.Dispose();
        foreach (var b in _bases) b.Dispose();
    }
}
