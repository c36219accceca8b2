using FastW2V.Sampling;

namespace FastW2V.Tests.Sampling;

public class NegativeSamplerTests
{
    private static readonly long[] Counts = [3, 1000, 400, 90, 90, 17, 5, 1, 250, 60];

    private static double[] Expected()
    {
        var w = Counts.Select(c => Math.Pow(c, 0.75)).ToArray();
        return w.Select(x => x / w.Sum()).ToArray();
    }

    /// <summary>Two million draws: each word's share within 5 standard errors of count^0.75 / Σ.</summary>
    private static void AssertFollowsUnigram(Func<uint, int> draw)
    {
        const int draws = 2_000_000;
        var seen = new long[Counts.Length];
        var rng = new FastRandom(42);
        for (int i = 0; i < draws; i++) seen[draw(rng.Next())]++;
        var p = Expected();
        for (int w = 0; w < Counts.Length; w++)
        {
            double sd = Math.Sqrt(p[w] * (1 - p[w]) / draws);
            Assert.That(seen[w] / (double)draws, Is.EqualTo(p[w]).Within(5 * sd + 1e-6), $"word {w}");
        }
    }

    [Test]
    public unsafe void The_alias_table_draws_words_by_count_to_the_three_quarters()
    {
        using var alias = new AliasTable(Counts);
        AssertFollowsUnigram(alias.Draw);
    }

    [Test]
    public unsafe void The_unigram_table_draws_words_by_count_to_the_three_quarters()
    {
        using var table = new UnigramTable(Counts);
        AssertFollowsUnigram(r => table.Entries[r >> (32 - table.Bits)]);
    }

    [Test]
    public unsafe void A_table_past_two_million_words_grows_so_every_word_can_be_drawn()
    {
        // 2^23 entries cannot hold 3 M equally likely words four times over: the table doubles, and
        // every word, the last included, owns entries.
        var counts = new long[3_000_000];
        Array.Fill(counts, 7);
        using var table = new UnigramTable(counts);
        Assert.That(table.Bits, Is.EqualTo(24));
        var seen = new bool[counts.Length];
        for (long a = 0; a < table.Size; a++) seen[table.Entries[a]] = true;
        Assert.That(seen.Count(x => !x), Is.Zero);
        Assert.That(() => UnigramTable.BitsFor(UnigramTable.MaxWords + 1), Throws.TypeOf<FastW2VException>().With.Message.Contains("Alias"));
    }
}
