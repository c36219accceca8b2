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
                    joined.AddRange(CollectingSink.Scan(text[(int)bounds[s]..(int)bounds[s + 1]], InstructionSetSupport.Best));
                Assert.That(joined, Is.EqualTo(all), $"{count} shards");
            }
        }
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(8)]
    public void Planning_from_the_file_equals_planning_from_memory(int count)
    {
        // Lee's text, then a 10,000-byte word (longer than the 4 KiB read window) and more text.
        using var temp = new TempFolder();
        byte[] text = [.. File.ReadAllBytes(TestData.RequireShared(TestData.Lee)), .. Encoding.ASCII.GetBytes(new string('x', 10_000)), .. " tail words\n"u8];
        string path = temp.Write("t.txt", text);
        using var handle = File.OpenHandle(path);
        fixed (byte* p = text)
            Assert.That(ShardPlanner.Plan(handle, text.Length, count), Is.EqualTo(ShardPlanner.Plan(p, text.Length, count)));
        // A cut inside the long word moves past it.
        fixed (byte* p = text)
        {
            long inside = text.Length - 8_000;
            Assert.That(ShardPlanner.Plan(handle, text.Length, 2)[1], Is.EqualTo(ShardPlanner.Plan(p, text.Length, 2)[1]));
            Assert.That(ShardPlanner.Align(p, text.Length, inside), Is.EqualTo(text.Length - " tail words\n".Length + 1));
        }
    }

    [Test]
    public void A_file_shorter_than_its_shard_is_one_line_not_a_crash()
    {
        // What a corpus truncated while it is read looks like to the shard that reads past the new end.
        using var temp = new TempFolder();
        string path = temp.Write("t.txt", "the quick brown fox\n");
        using var handle = File.OpenHandle(path);
        using var shard = new ShardStream(handle, 0, 1000, path);
        var buffer = new byte[4096];
        Assert.That(shard.Read(buffer), Is.EqualTo(20));
        Assert.That(() => shard.Read(buffer), Throws.TypeOf<FastW2VException>().With.Message.Contains("changed size while it was read"));
    }
}
