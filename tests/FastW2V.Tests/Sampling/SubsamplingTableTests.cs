using FastW2V.Sampling;
using FastW2V.Vocabularies;

namespace FastW2V.Tests.Sampling;

public class SubsamplingTableTests
{
    [Test]
    public void Keep_probability_follows_word2vec_formula()
    {
        var v = Vocabulary.FromOrdered([("</s>", 0), ("the", 1_000_000), ("mid", 1000), ("rare", 5)]);
        var table = new SubsamplingTable(v, 1e-3);
        double t = 1e-3 * v.TotalCount;
        double expected = (Math.Sqrt(1_000_000 / t) + 1) * t / 1_000_000;
        Assert.That(table.Probability(1), Is.EqualTo(expected).Within(1e-9));
        Assert.That(expected, Is.LessThan(0.05)); // a very frequent word is mostly dropped
        Assert.That(table.Probability(3), Is.EqualTo(1.0)); // rare words always kept
        Assert.That(new SubsamplingTable(v, 0).Probability(1), Is.EqualTo(1.0)); // sampling off
    }
}
