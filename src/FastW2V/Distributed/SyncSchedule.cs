namespace FastW2V.Distributed;

/// <summary>
/// Which rows are merged at which round. Rows are ordered by frequency, and a row changes about as
/// often as its word is trained, which under Zipf's law falls as 1/rank. So band 0 (rows 0–1,023) is
/// merged every round and band k ≥ 1 (rows 2^(7+3k) to 2^(10+3k), the last band taking every row
/// after) every 2^k rounds: each band is 8 times longer and at least 8 times quieter than the one
/// before, and is merged half as often. Every row is merged at the last round. A rare row changes so
/// little between its merges that merging it less often does not cost accuracy, so the schedule sends
/// far fewer bytes than <see cref="Full"/> (every row every round) for the same model.
/// </summary>
internal sealed class SyncSchedule
{
    private const int FirstBandRows = 1 << 10;
    private const int GrowthBits = 3;
    private readonly bool _full;

    private SyncSchedule(bool full) => _full = full;

    public static SyncSchedule Banded { get; } = new(full: false);
    public static SyncSchedule Full { get; } = new(full: true);
    public string Name => _full ? "full" : "banded";

    /// <summary>The row ranges [Start, End) of <paramref name="rows"/> (frequency order) merged at round
    /// <paramref name="round"/> (from 1); at the last round, every row.</summary>
    public IEnumerable<(int Start, int End)> Bands(int rows, long round, bool last)
    {
        if (_full || last)
        {
            if (rows > 0) yield return (0, rows);
            yield break;
        }
        for (int band = 0, start = 0; start < rows; band++)
        {
            long end = band == 0 ? FirstBandRows : (long)FirstBandRows << (GrowthBits * band);
            if (band >= 6) end = rows; // (2^28 rows: past any vocabulary; the shift stays small)
            end = Math.Min(end, rows);
            if (round % (1L << band) == 0) yield return (start, (int)end);
            start = (int)end;
        }
    }

    /// <summary>The share of the rows' floats one round merges on average over many rounds (for the README's volume
    /// model).</summary>
    public double AverageShare(int rows)
    {
        if (rows == 0) return 0;
        const int Rounds = 64;
        long synced = 0;
        for (int r = 1; r <= Rounds; r++)
            foreach (var (start, end) in Bands(rows, r, last: false)) synced += end - start;
        return synced / (double)Rounds / rows;
    }
}
