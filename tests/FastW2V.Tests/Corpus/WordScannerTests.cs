using System.Text;
using FastW2V.Corpus;
using FastW2V.Kernels;

namespace FastW2V.Tests.Corpus;

internal unsafe struct CollectingSink : ITokenSink
{
    public List<string> Tokens;
    public void Word(byte* start, int length) => Tokens.Add(Encoding.UTF8.GetString(start, length));
    public void SentenceEnd() => Tokens.Add(Tokenization.SentenceEnd);

    public static List<string> Scan(byte[] text, InstructionSet path)
    {
        var sink = new CollectingSink { Tokens = [] };
        fixed (byte* p = text) WordScanner.Scan(p, text.Length, ref sink, path);
        return sink.Tokens;
    }
}

public class WordScannerTests
{
    public static IEnumerable<InstructionSet> Paths => InstructionSetSupport.Supported;

    private static byte[] RandomText(Random rng, int length)
    {
        string[] pieces = [" ", "  ", "\t", "\n", "\r\n", "a", "word", "é", "日本", "xyzzy", "</s>", new string('q', 70)];
        var sb = new StringBuilder();
        while (Encoding.UTF8.GetByteCount(sb.ToString()) < length) sb.Append(pieces[rng.Next(pieces.Length)]);
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    [TestCaseSource(nameof(Paths))]
    public void Matches_the_reference_tokenizer_on_random_text(InstructionSet path)
    {
        var rng = new Random(42);
        for (int n = 0; n < 400; n++)
        {
            byte[] text = RandomText(rng, n % 200);
            Assert.That(CollectingSink.Scan(text, path), Is.EqualTo(Tokenization.SplitReference(text)), $"text #{n}");
        }
    }

    [TestCaseSource(nameof(Paths))]
    public void Handles_words_across_block_edges_and_at_the_very_end(InstructionSet path)
    {
        for (int len = 1; len <= 200; len++)
        {
            byte[] text = Encoding.ASCII.GetBytes(new string('a', len - 1) + "b"); // no separator at all
            Assert.That(CollectingSink.Scan(text, path), Is.EqualTo(Tokenization.SplitReference(text)), $"length {len}");
            byte[] spaced = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, len).Select(i => i % 7 == 0 ? " " : "x")));
            Assert.That(CollectingSink.Scan(spaced, path), Is.EqualTo(Tokenization.SplitReference(spaced)), $"spaced {len}");
        }
    }

    [Test]
    public void A_newline_is_the_sentence_end_token_and_the_last_word_counts_without_a_newline()
    {
        var tokens = CollectingSink.Scan("one two\nthree\n\nfour"u8.ToArray(), InstructionSetSupport.Best);
        Assert.That(tokens, Is.EqualTo(new[] { "one", "two", "</s>", "three", "</s>", "</s>", "four" }));
    }

    [Test]
    public void Long_words_are_cut_to_100_bytes_at_a_character_boundary()
    {
        // 99 ASCII bytes then a 2-byte character: cutting at 100 would split it, so 99 bytes remain.
        string word = new string('a', 99) + "é" + "tail";
        var tokens = CollectingSink.Scan(Encoding.UTF8.GetBytes(word + " next"), InstructionSetSupport.Best);
        Assert.That(tokens, Is.EqualTo(new[] { new string('a', 99), "next" }));
        string ascii = new string('b', 150);
        Assert.That(CollectingSink.Scan(Encoding.UTF8.GetBytes(ascii), InstructionSetSupport.Best), Is.EqualTo(new[] { new string('b', 100) }));
    }

    [TestCaseSource(nameof(Paths))]
    public void The_real_small_corpus_tokenizes_like_the_reference(InstructionSet path)
    {
        byte[] text = File.ReadAllBytes(TestData.RequireShared(TestData.Lee));
        Assert.That(CollectingSink.Scan(text, path), Is.EqualTo(Tokenization.SplitReference(text)));
    }
}
