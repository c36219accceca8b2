using System.Globalization;

namespace FastW2V.Distributed;

/// <summary>When the ranks merge their models: every so many words (all ranks together) or every so many
/// seconds.</summary>
internal sealed record SyncTrigger(long Words, double Seconds)
{
    public static SyncTrigger EveryWords(long words) => new(words, 0);
    public static SyncTrigger EverySeconds(double seconds) => new(0, seconds);

    /// <summary>"4M" (words; k, M and G multiply by 10^3, 10^6, 10^9) or "2s" (seconds).</summary>
    public static SyncTrigger Parse(string text)
    {
        string t = text.Trim();
        if (t.EndsWith('s') && double.TryParse(t[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out double s)
            && s > 0 && s <= 86400)
            return EverySeconds(s);
        long scale = t.Length > 0
            ? char.ToUpperInvariant(t[^1]) switch { 'K' => 1_000, 'M' => 1_000_000, 'G' => 1_000_000_000, _ => 1 }
            : 1;
        if (long.TryParse(scale == 1 ? t : t[..^1], out long n) && n > 0 && n <= long.MaxValue / scale)
            return EveryWords(n * scale);
        throw new FastW2VException($"--sync-every takes a word count (e.g. 4M) or seconds (e.g. 2s), not '{text}'.");
    }

    public override string ToString() => Seconds > 0 ? $"{Seconds:G}s" : $"{Words:N0} words";
}
