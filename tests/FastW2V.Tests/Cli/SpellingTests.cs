namespace FastW2V.Tests.Cli;

/// <summary>The edit distance behind the suggestions.</summary>
public class SpellingTests
{
    [TestCase("trian", "train", 1)] // a swap of neighbours is one edit
    [TestCase("--sise", "--size", 1)]
    [TestCase("size", "--size", 2)]
    [TestCase("", "abc", 3)]
    [TestCase("kitten", "sitting", 3)]
    public void Distance_counts_edits(string a, string b, int expected) =>
        Assert.That(Spelling.Distance(a, b), Is.EqualTo(expected));

    [Test]
    public void Closest_stays_within_two_edits_and_half_the_word()
    {
        Assert.That(Spelling.Closest("trian", ["vocab", "train", "nn"]), Is.EqualTo("train"));
        Assert.That(Spelling.Closest("xyz", ["nn", "train"]), Is.Null);
        Assert.That(Spelling.Closest("--window-size", ["--window", "--size"]), Is.Null);
    }
}
