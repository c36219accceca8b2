using System.Diagnostics;

namespace FastW2V.Training;

/// <summary>
/// Loss and time per epoch, as each worker ends an epoch (its own cumulative loss, count and the clock),
/// so that the figures do not depend on when progress happened to be sampled. Each worker writes only
/// its own row; the trainer reads them after the workers have joined.
/// </summary>
internal sealed class EpochMeter
{
    private readonly double[,] _loss;
    private readonly long[,] _count;
    private readonly double[,] _seconds;
    private readonly Stopwatch _clock;
    private readonly double[] _startLoss;
    private readonly long[] _startCount;

    public EpochMeter(int threads, int epochs, Stopwatch clock, WorkerPosition[]? resumed)
    {
        (_loss, _count, _seconds, _clock) = (new double[threads, epochs], new long[threads, epochs],
            new double[threads, epochs], clock);
        for (int t = 0; t < threads; t++)
            for (int e = 0; e < epochs; e++) _seconds[t, e] = double.NaN;
        _startLoss = resumed?.Select(w => w.LossSum).ToArray() ?? new double[threads];
        _startCount = resumed?.Select(w => w.LossCount).ToArray() ?? new long[threads];
    }

    /// <summary>A worker ended epoch <paramref name="epoch"/> (0-based) with these cumulative counters.</summary>
    public void EpochEnded(int thread, int epoch, double lossSum, long lossCount)
    {
        (_loss[thread, epoch], _count[thread, epoch]) = (lossSum, lossCount);
        _seconds[thread, epoch] = _clock.Elapsed.TotalSeconds;
    }

    /// <summary>The epochs every worker ended in this run: mean loss per example and the seconds from the previous
    /// epoch's end.</summary>
    public IReadOnlyList<EpochFigures> Completed()
    {
        int threads = _loss.GetLength(0), epochs = _loss.GetLength(1);
        var result = new List<EpochFigures>();
        double previousEnd = 0;
        for (int e = 0; e < epochs; e++)
        {
            double loss = 0, end = 0;
            long count = 0;
            bool complete = true;
            for (int t = 0; t < threads; t++)
            {
                if (double.IsNaN(_seconds[t, e])) { complete = false; break; }
                double before = e > 0 && !double.IsNaN(_seconds[t, e - 1]) ? _loss[t, e - 1] : _startLoss[t];
                long beforeCount = e > 0 && !double.IsNaN(_seconds[t, e - 1]) ? _count[t, e - 1] : _startCount[t];
                loss += _loss[t, e] - before;
                count += _count[t, e] - beforeCount;
                end = Math.Max(end, _seconds[t, e]);
            }
            if (!complete) continue; // before a resume point, or a stopped run's last epoch
            result.Add(new EpochFigures(e + 1, count > 0 ? loss / count : double.NaN,
                TimeSpan.FromSeconds(end - previousEnd)));
            previousEnd = end;
        }
        return result;
    }
}
