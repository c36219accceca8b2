using System.Security.Cryptography;
using System.Text;
using FastW2V.Corpus;
using FastW2V.Phrases;
using FastW2V.Tests.Cli;

namespace FastW2V.Tests.Phrases;

/// <summary>
/// <c>fw2v phrases</c> equals word2phrase byte for byte. The digests are of the files the real word2phrase
/// (tmikolov/word2vec's word2phrase.c, gcc 12 -O2 and the makefile's -Ofast alike, glibc 2.36) wrote
/// from the same input; the vocabulary sizes are the ones it printed. Each case runs with several thread
/// counts and with tiny ranges, so that the second pass's look-back at every range start is exercised.
/// </summary>
public class PhraseFinderTests
{
    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static (byte[] Output, PhraseResult Result) Run(string input, PhraseOptions options)
    {
        using var output = new MemoryStream();
        var result = PhraseFinder.Run(new CorpusSource(input), output, options);
        return (output.ToArray(), result);
    }

    /// <summary>Runs every variant (threads 1, 2, 3, 8; default and 4 KiB ranges) and checks they all give <paramref name="sha"/>.</summary>
    private static PhraseResult AssertWord2PhraseOutput(string input, PhraseOptions options, string sha)
    {
        PhraseResult? last = null;
        foreach (int threads in new[] { 1, 2, 3, 8 })
            foreach (long range in new long[] { 16 << 20, 4096 })
            {
                var (output, result) = Run(input, options with { Threads = threads, RangeBytes = range });
                Assert.That(Sha(output), Is.EqualTo(sha), $"{threads} thread(s), ranges of {range} bytes");
                last = result;
            }
        return last!;
    }

    [Test]
    public void Lee_corpus_matches_word2phrase()
    {
        var result = AssertWord2PhraseOutput(TestData.RequireShared(TestData.Lee), new PhraseOptions(),
            "785eb47357300464591e1ad220ca0ce6838be0181ffdc1081daa9effef4cc347");
        Assert.That(result.VocabularySize, Is.EqualTo(26243));
        Assert.That(result.Words, Is.EqualTo(59889));
        Assert.That(result.DroppedLastWord, Is.True, "the corpus ends without a newline: word2phrase drops its last word");
        Assert.That(result.Joined, Is.GreaterThan(0));
    }

    [Test]
    public void Two_passes_match_word2phrase_demo_thresholds_200_then_100()
    {
        using var temp = new TempFolder();
        var (first, _) = Run(TestData.RequireShared(TestData.Lee), new PhraseOptions { Threshold = 200 });
        Assert.That(Sha(first), Is.EqualTo("114dd2fd7a4335b6cba9bd10958fdca043cd1c427465fdf832158c400dc29c82"));
        string pass1 = temp.Write("pass1.txt", first);
        AssertWord2PhraseOutput(pass1, new PhraseOptions { Threshold = 100 }, "660074b3828298605fb01fa29c86d8f8654f7af8a7d4b4832077d96a598b932c");
    }

    [Test]
    public void Pruning_matches_word2phrase_with_a_small_hash_table()
    {
        // word2phrase.c rebuilt with vocab_hash_size = 20000: it prunes past 0.7 × 20000 keys.
        var result = AssertWord2PhraseOutput(TestData.RequireShared(TestData.Lee), new PhraseOptions { PruneThreshold = 14000 },
            "2de4f82cf74813a8dd4e772eba55477be6061e91f68948238960698ca0dcc644");
        Assert.That(result.Sequential, Is.True);
        Assert.That(result.PruneRounds, Is.GreaterThan(0));
        Assert.That(result.VocabularySize, Is.EqualTo(6756));
    }

    [Test]
    public void Min_count_1_drops_the_last_sorted_key_as_word2phrase_does()
    {
        // No key is below min-count, so SortVocab also drops its last sorted key: the order matters.
        var result = AssertWord2PhraseOutput(TestData.RequireShared(TestData.Lee), new PhraseOptions { MinCount = 1 },
            "f49483b08bd43684bbcc61475c789dd8ca3a45fb7025d534147dc278e185a072");
        Assert.That(result.Sequential, Is.True);
        Assert.That(result.VocabularySize, Is.EqualTo(49535));
    }

    /// <summary>
    /// A generated text with what word2phrase treats specially: CRLF lines, a carriage return inside a word,
    /// tabs, words over 58 bytes, literal "&lt;/s&gt;", text words that are also bigram keys ("new_york",
    /// "new_york_city"), empty lines and no final newline. The same generator in Python made
    /// word2phrase's input.
    /// </summary>
    private static string Tricky(TempFolder temp)
    {
        string[] words = ["new", "york", "city", "the", "of", "san", "francisco", "new_york", new string('a', 70), "b\rc", "</s>", "x\ty",
            "new_york_city", "york_city", "san_francisco"];
        long x = 20261122;
        long Next() => x = (x * 1103515245 + 12345) & 0x7fffffff;
        var text = new StringBuilder();
        for (int i = 0; i < 600; i++)
        {
            long n = Next() % 13;
            text.Append(string.Join(' ', Enumerable.Range(0, (int)n).Select(_ => words[Next() % words.Length])));
            string end = Next() % 5 == 0 ? "\r\n" : "\n";
            if (i < 599) text.Append(end);
        }
        return temp.Write("tricky.txt", text.ToString());
    }

    [TestCase(5, 100f, "3b45f7a34cc0b2f86d128a563434a288befc9f6176a121fe05588131be046190")]
    [TestCase(2, 10f, "31883fc5df9981b040c0eae3aec417b5aadcf6209f1c073a36612652f2a637de")]
    [TestCase(1, 10f, "31883fc5df9981b040c0eae3aec417b5aadcf6209f1c073a36612652f2a637de")]
    [TestCase(0, 1f, "c7c3e84c31d4ad4b19ebb3a342a66aaf9aa7f1df1a3a588a33d94d1b48378127")]
    public void Tricky_text_matches_word2phrase(long minCount, float threshold, string sha)
    {
        using var temp = new TempFolder();
        string input = Tricky(temp);
        Assert.That(new FileInfo(input).Length, Is.EqualTo(40135), "the generator must make word2phrase's input");
        var result = AssertWord2PhraseOutput(input, new PhraseOptions { MinCount = minCount, Threshold = threshold }, sha);
        if (minCount == 5) Assert.That(result.VocabularySize, Is.EqualTo(223));
    }

    [Test]
    public void Gzip_input_gives_the_plain_file_output()
    {
        using var temp = new TempFolder();
        string gz = temp.File("lee.txt.gz");
        using (var file = File.Create(gz))
        using (var zip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Fastest))
            zip.Write(File.ReadAllBytes(TestData.RequireShared(TestData.Lee)));
        var (output, _) = Run(gz, new PhraseOptions { CacheFolder = temp.Path });
        Assert.That(Sha(output), Is.EqualTo("785eb47357300464591e1ad220ca0ce6838be0181ffdc1081daa9effef4cc347"));
        Assert.That(Directory.GetDirectories(temp.Path), Is.Empty, "the unpacked copy is deleted");
    }

    [Test]
    public void Tokenizer_gives_the_same_words_wherever_its_buffers_end()
    {
        byte[] text = Encoding.UTF8.GetBytes("ab\rcd  e\tf\r\n\n" + new string('x', 80) + " ü\r\rz \n tail");
        var whole = Tokens(text, text.Length);
        Assert.That(whole, Is.EqualTo(new[] { "abcd", "e", "f", "\n", "\n", new string('x', 58), "üz", "\n" }),
            "a CR is dropped, a long word keeps 58 bytes, the unterminated last word is not a token");
        for (int piece = 1; piece < 20; piece++) Assert.That(Tokens(text, piece), Is.EqualTo(whole), $"pieces of {piece}");
    }

    private static List<string> Tokens(byte[] text, int piece)
    {
        var tokenizer = new PhraseTokenizer();
        var sink = new CollectingSink { Words = [] };
        for (int i = 0; i < text.Length; i += piece) tokenizer.Feed(text.AsSpan(i, Math.Min(piece, text.Length - i)), ref sink);
        return sink.Words;
    }

    private struct CollectingSink : IPhraseTokenSink
    {
        public List<string> Words;
        public readonly void Word(ReadOnlySpan<byte> word) => Words.Add(Encoding.UTF8.GetString(word));
        public readonly void Newline() => Words.Add("\n");
    }
}

/// <summary>The <c>phrases</c> command: word2phrase's options, pipes, and one-line errors.</summary>
public class PhrasesCommandTests
{
    [Test]
    public void Standard_input_to_standard_output_equals_the_file_run()
    {
        string lee = TestData.RequireShared(TestData.Lee);
        using var temp = new TempFolder();
        var (code, _, err) = CliHarness.RunShell("bash", $"FW2V phrases -train - -output - -q --cache '{temp.Path}' < '{lee}' > '{temp.File("piped.txt")}'");
        Assert.That(code, Is.EqualTo(0), err);
        var file = CliHarness.Run("phrases", "-train", lee, "-output", temp.File("file.txt"), "-debug", "1");
        Assert.That(file.Code, Is.EqualTo(0), file.Err);
        Assert.That(File.ReadAllBytes(temp.File("piped.txt")), Is.EqualTo(File.ReadAllBytes(temp.File("file.txt"))));
        Assert.That(file.Err, Does.Contain("Vocab size (unigrams + bigrams): 26243"));
        Assert.That(file.Err, Does.Contain("dropped, as word2phrase drops it"));
    }

    [Test]
    public void Bad_input_is_one_line()
    {
        using var temp = new TempFolder();
        string text = temp.Write("in.txt", "new york new york\n");
        CliHarness.AssertOneLine(CliHarness.Run("phrases", "-train", temp.File("missing.txt"), "-output", temp.File("o.txt")), "missing.txt");
        CliHarness.AssertOneLine(CliHarness.Run("phrases", "-train", temp.Write("nul.txt", "a b\0c\n"), "-output", temp.File("o.txt")), "NUL");
        CliHarness.AssertOneLine(CliHarness.Run("phrases", "-train", temp.Write("blank.txt", " \n\n"), "-output", temp.File("o.txt")), "contains no words");
        CliHarness.AssertOneLine(CliHarness.Run("phrases", "-train", text, "-output", text), "same file");
        CliHarness.AssertOneLine(CliHarness.Run("phrases", "-train", text, "-output", temp.File("o.txt"), "-threads", "0"), "threads");
        Assert.That(File.ReadAllText(text), Is.EqualTo("new york new york\n"), "the input is untouched");
        Assert.That(File.Exists(temp.File("o.txt")), Is.False, "no output from a failed run");
    }
}

/// <summary>Review fixes: a negative threshold is refused (word2phrase would join every word).</summary>
public class PhraseOptionTests
{
    [Test]
    public void A_negative_threshold_is_a_one_line_error()
    {
        using var temp = new TempFolder();
        CliHarness.AssertOneLine(CliHarness.Run("phrases", "-train", temp.Write("t.txt", "a b\nc d \n"), "-output", temp.File("o.txt"), "-threshold", "-1"), "threshold must be 0 or more");
    }
}
