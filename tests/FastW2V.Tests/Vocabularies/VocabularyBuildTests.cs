using System.IO.Compression;
using System.Text;
using FastW2V.Corpus;
using FastW2V.Vocabularies;
using FastW2V.Preparation;

namespace FastW2V.Tests.Vocabularies;

public class VocabularyBuildTests
{
    private static List<(string, long)> Entries(Vocabulary v) =>
        Enumerable.Range(0, v.Count).Select(i => (v.GetWord(i), v.GetCount(i))).ToList();

    private static PreparedCorpus Prepare(string path, int threads, long minCount = 5, bool encode = true, int maxVocab = 0, int prune = 21_000_000) =>
        CorpusPreparation.Prepare(new CorpusSource(path), new PreparationOptions
        {
            Threads = threads,
            Encode = encode,
            Vocabulary = new VocabularyOptions { MinCount = minCount, MaxVocab = maxVocab, PruneThreshold = prune },
        });

    [TestCase(1, 5)]
    [TestCase(2, 5)]
    [TestCase(3, 1)]
    [TestCase(7, 2)]
    public void Equals_the_reference_order_and_counts_on_a_real_corpus(int threads, long minCount)
    {
        string path = TestData.RequireShared(TestData.Lee);
        var expected = ReferenceVocabulary.Build(Tokenization.SplitReference(File.ReadAllBytes(path)), minCount);
        using var prepared = Prepare(path, threads, minCount);
        Assert.That(Entries(prepared.Vocabulary), Is.EqualTo(expected));
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(5)]
    public void Encoded_ids_spell_the_corpus_without_the_dropped_words(int threads)
    {
        string path = TestData.RequireShared(TestData.Lee);
        var tokens = Tokenization.SplitReference(File.ReadAllBytes(path));
        using var prepared = Prepare(path, threads);
        var v = prepared.Vocabulary;
        var expected = tokens.Where(t => v.Find(t) >= 0).ToList();
        var decoded = prepared.Encoded!.ToArray().Select(v.GetWord).ToList();
        Assert.That(decoded, Is.EqualTo(expected));
        Assert.That(prepared.Encoded.Files, Has.Count.EqualTo(prepared.Shards));
    }

    [Test]
    public void Gzip_and_plain_files_give_the_same_vocabulary_and_ids()
    {
        using var temp = new TempFolder();
        string path = TestData.RequireShared(TestData.Lee);
        string gz = temp.File("lee.gz");
        using (var f = File.Create(gz))
        using (var z = new GZipStream(f, CompressionLevel.Fastest)) z.Write(File.ReadAllBytes(path));
        using var plain = Prepare(path, 3);
        using var zipped = Prepare(gz, 3);
        Assert.That(Entries(zipped.Vocabulary), Is.EqualTo(Entries(plain.Vocabulary)));
        Assert.That(zipped.Encoded!.ToArray(), Is.EqualTo(plain.Encoded!.ToArray()));
    }

    [Test]
    public void A_streamed_word_longer_than_the_read_buffer_is_cut_and_the_rest_still_counted()
    {
        // The first 4 MiB read holds no separator: the word keeps 100 bytes, the rest is skipped, and
        // everything after it must still be counted (a regression: the stream used to end there).
        using var temp = new TempFolder();
        var text = new StringBuilder(new string('x', 5_000_000)).Append(" a b\n");
        for (int i = 0; i < 2_000_000; i++) text.Append("c d\n"); // more than a buffer after it
        byte[] bytes = Encoding.ASCII.GetBytes(text.ToString());
        string plain = temp.Write("long.txt", bytes);
        string gz = temp.File("long.gz");
        using (var f = File.Create(gz))
        using (var z = new GZipStream(f, CompressionLevel.Fastest)) z.Write(bytes);
        using var fromStream = Prepare(gz, 1, minCount: 1);
        using var fromMap = Prepare(plain, 2, minCount: 1);
        Assert.That(Entries(fromStream.Vocabulary), Is.EqualTo(Entries(fromMap.Vocabulary)));
        Assert.That(fromStream.Vocabulary.GetCount(fromStream.Vocabulary.Find("c")), Is.EqualTo(2_000_000));
        Assert.That(fromStream.Vocabulary.Find(new string('x', 100)), Is.GreaterThan(0));
        Assert.That(fromStream.Encoded!.ToArray(), Is.EqualTo(fromMap.Encoded!.ToArray()));
    }

    [Test]
    public void The_id_files_are_deleted_on_dispose_unless_kept()
    {
        string path = TestData.RequireShared(TestData.Lee);
        var prepared = Prepare(path, 2);
        var files = prepared.Encoded!.Files.ToArray();
        Assert.That(files.All(File.Exists));
        prepared.Dispose();
        Assert.That(files.Any(File.Exists), Is.False);
        Assert.That(Directory.Exists(prepared.Encoded.Folder), Is.False);
    }

    [Test]
    public void Max_vocab_keeps_the_most_frequent_words()
    {
        using var prepared = Prepare(TestData.RequireShared(TestData.Lee), 2, minCount: 1, maxVocab: 11);
        using var all = Prepare(TestData.RequireShared(TestData.Lee), 2, minCount: 1);
        Assert.That(Entries(prepared.Vocabulary), Is.EqualTo(Entries(all.Vocabulary).Take(11)));
    }

    [TestCase(1000)]  // many pruning rounds
    [TestCase(9000)]  // one or two rounds, late in the corpus
    [TestCase(10782)] // none: exactly the distinct words and </s>
    public void Pruning_is_word2vec_cs_and_the_same_at_any_thread_count(int threshold)
    {
        string path = TestData.RequireShared(TestData.Lee);
        var tokens = Tokenization.SplitReference(File.ReadAllBytes(path));
        var expected = ReferenceVocabulary.Build(tokens, 5, threshold);
        foreach (int threads in new[] { 1, 2, 3, 8 })
        {
            using var prepared = Prepare(path, threads, minCount: 5, prune: threshold);
            var v = prepared.Vocabulary;
            Assert.That(Entries(v), Is.EqualTo(expected), $"{threads} threads");
            // No token is lost: every token whose word made the vocabulary is encoded, even one read
            // before a round that pruned its word.
            var decoded = prepared.Encoded!.ToArray().Select(v.GetWord).ToList();
            Assert.That(decoded, Is.EqualTo(tokens.Where(t => v.Find(t) >= 0).ToList()), $"{threads} threads");
        }
        using var two = Prepare(path, 2, prune: threshold);
        Assert.That(two.Vocabulary.PruneRounds > 0, Is.EqualTo(threshold < 10782));
    }

    [Test]
    public void Shards_that_together_pass_the_budget_fall_back_to_the_sequential_count_unpruned()
    {
        // 3,000 words, every one in each of eight shards: the shards' tables hold 24,000 entries, over
        // twice the threshold, although the corpus never passes it. The sequential pass then prunes nothing.
        using var temp = new TempFolder();
        var words = Enumerable.Range(0, 3000).Select(i => $"w{i * 7919 % 3000:D4}").ToArray();
        var text = new StringBuilder();
        for (int r = 0; r < 32; r++) text.AppendJoin(" ", r % 2 == 0 ? words : Enumerable.Reverse(words).ToArray()).Append('\n');
        string path = temp.Write("overlap.txt", text.ToString());
        var tokens = Tokenization.SplitReference(File.ReadAllBytes(path));
        var expected = ReferenceVocabulary.Build(tokens, 1);
        foreach (int threads in new[] { 1, 8 })
        {
            using var prepared = Prepare(path, threads, minCount: 1, prune: 3005);
            Assert.That(prepared.Shards, Is.EqualTo(threads));
            Assert.That(Entries(prepared.Vocabulary), Is.EqualTo(expected));
            Assert.That(prepared.Vocabulary.PruneRounds, Is.Zero);
            Assert.That(prepared.Encoded!.ToArray().Select(prepared.Vocabulary.GetWord), Is.EqualTo(tokens));
        }
    }

    [Test]
    public void Tie_order_is_first_appearance_and_sentence_end_is_entry_zero()
    {
        using var temp = new TempFolder();
        string path = temp.Write("t.txt", "b a c\nc a b\nz z z\nd");
        using var prepared = Prepare(path, 1, minCount: 1);
        Assert.That(Entries(prepared.Vocabulary), Is.EqualTo(new List<(string, long)>
            { ("</s>", 3), ("z", 3), ("b", 2), ("a", 2), ("c", 2), ("d", 1) }));
    }
}
