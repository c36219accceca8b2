using System.Text;
using FastW2V.Corpus;
using FastW2V.Kernels;

namespace FastW2V.Tests.Corpus;

public unsafe class ShardPlannerTests
{
    [TestCase("the quick  brown\tfox\njumps over\n\nthe lazy dog")]
    [TestCase(" leading and trailing ")]
    [TestCase("oneword")]
    [TestCase("a b c d e f g h i j k l m n o p")]
    [TestCase("multi byte é 日本語 words\r\nwith crlf\r\n")]
    public void Every_word_lies_in_exactly_one_shard_at_every_boundary_position(string s)
    {
        byte[] text = Encoding.UTF8.GetBytes(s);
        var all = Tokenization.SplitReference(text);
        fixed (byte* p = text)
        {
            for (long position = 0; position <= text.Length; position++)
            {
                long cut = ShardPlanner.Align(p, text.Length, position);
                Assert.That(cut, Is.GreaterThanOrEqualTo(position));
                var left = Tokenization.SplitReference(text.AsSpan(0, (int)cut));
                var right = Tokenization.SplitReference(text.AsSpan((int)cut));
                Assert.That(left.Concat(right), Is.EqualTo(all), $"cut requested at {position}, aligned to {cut}");
            }
        }
    }

    [Test]
    public void Planned_shards_cover_the_text_in_order_and_tokenize_to_the_whole()
    {
        byte[] text = File.ReadAllBytes(TestData.RequireShared(TestData.Lee));
        var all = Tokenization.SplitReference(text);
        fixed (byte* p = text)
        {
            foreach (int count in new[] { 1, 2, 3, 7, 16 })
            {
                long[] bounds = ShardPlanner.Plan(p, text.Length, count);
                Assert.That(bounds[0], Is.Zero);
                Assert.That(bounds[^1], Is.EqualTo(text.Length));
                Assert.That(bounds, Is.Ordered);
                var joined = new List<string>();
                for (int s = 0; s < count; s++)
                    joined.AddRange(CollectingSink.Scan(text[(int)bounds[s]..(int)bounds[s + 1]], SimdSupport.Best));
                Assert.That(joined, Is.EqualTo(all), $"{count} shards");
            }
        }
    }
}
