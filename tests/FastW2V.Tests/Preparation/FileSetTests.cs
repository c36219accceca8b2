using System.IO.Compression;
using FastW2V.Corpus;
using FastW2V.Preparation;
using FastW2V.Vocabularies;

namespace FastW2V.Tests.Preparation;

/// <summary>A corpus of several files is the files' concatenation with a newline between them.</summary>
public class FileSetTests
{
    /// <summary>Eight shard files cut from the Lee corpus (some mid-line, one with no final newline, one empty
    /// of words), three of them gzip; and their concatenation with a newline between each two.</summary>
    internal static (string[] Files, string Concatenation) Shards(TempFolder temp)
    {
        byte[] lee = File.ReadAllBytes(TestData.RequireShared(TestData.Lee));
        int[] cuts = [0, 1_000, 1_007, 40_000, 40_000, 90_123, 150_000, 200_000, lee.Length];
        var files = new string[8];
        var all = new MemoryStream();
        for (int i = 0; i < 8; i++)
        {
            var part = lee.AsSpan(cuts[i], cuts[i + 1] - cuts[i]).ToArray();
            bool gzip = i is 1 or 4 or 6;
            files[i] = temp.File($"part-{i}.txt" + (gzip ? ".gz" : ""));
            if (gzip)
            {
                using var f = File.Create(files[i]);
                using var z = new GZipStream(f, CompressionLevel.Fastest);
                z.Write(part);
            }
            else File.WriteAllBytes(files[i], part);
            all.Write(part);
            if (i < 7) all.WriteByte((byte)'\n');
        }
        return (files, temp.Write("all.txt", all.ToArray()));
    }

    private static PreparationOptions Options(int threads, int prune = 21_000_000) => new()
    {
        Threads = threads, Encode = true, Vocabulary = new VocabularyOptions { MinCount = 1, PruneThreshold = prune },
    };

    private static (List<(string, long)> Words, int[] Tokens) Read(PreparedCorpus p)
    {
        var v = p.Vocabulary;
        var words = Enumerable.Range(0, v.Count).Select(i => (System.Text.Encoding.UTF8.GetString(v.GetWordBytes(i)), v.GetCount(i))).ToList();
        return (words, p.Encoded!.ToArray());
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(5)]
    public void Vocabulary_and_token_stream_equal_the_concatenations_at_any_thread_count(int threads)
    {
        using var temp = new TempFolder();
        var (files, all) = Shards(temp);
        using var single = CorpusPreparation.Prepare(new CorpusSource(all), Options(1));
        using var several = CorpusPreparation.Prepare(new CorpusSet(files), Options(threads));
        var (expectedWords, expectedTokens) = Read(single);
        var (words, tokens) = Read(several);
        Assert.That(words, Is.EqualTo(expectedWords));
        Assert.That(tokens, Is.EqualTo(expectedTokens));
        Assert.That(several.Shards, Is.GreaterThanOrEqualTo(4), "gzip files are shards of their own");
    }

    [Test]
    public void Past_the_prune_threshold_the_one_pruning_pass_reads_the_files_in_order()
    {
        using var temp = new TempFolder();
        var (files, all) = Shards(temp);
        using var single = CorpusPreparation.Prepare(new CorpusSource(all), Options(1, prune: 2_000));
        using var several = CorpusPreparation.Prepare(new CorpusSet(files), Options(2, prune: 2_000));
        Assert.That(Read(several).Words, Is.EqualTo(Read(single).Words));
        Assert.That(several.Vocabulary.PruneRounds, Is.GreaterThan(0));
    }

    [Test]
    public void Folders_patterns_and_lists_name_files_in_order_and_say_what_they_skip()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.File("d/sub"));
        foreach (string name in new[] { "b.txt", "a.txt", "c.gz" }) File.WriteAllText(temp.File($"d/{name}"), name);
        var notes = new List<string>();
        Assert.That(CorpusInputs.Expand([temp.File("d")], notes.Add).Select(Path.GetFileName),
            Is.EqualTo(new[] { "a.txt", "b.txt", "c.gz" }));
        Assert.That(notes, Has.One.Contains("sub"));
        Assert.That(CorpusInputs.Expand([temp.File("d/*.txt")]).Select(Path.GetFileName), Is.EqualTo(new[] { "a.txt", "b.txt" }));
        string list = temp.Write("list", $"{temp.File("d/c.gz")}\n\n{temp.File("d/a.txt")}\n");
        Assert.That(CorpusInputs.ReadList(list).Select(Path.GetFileName), Is.EqualTo(new[] { "c.gz", "a.txt" }));
        Assert.That(Assert.Throws<FastW2VException>(() => CorpusInputs.Expand([temp.File("d/*.none")]))!.Message,
            Does.Contain("No file matches"));
    }

    [Test]
    public void A_bad_byte_is_reported_with_its_file_and_offset()
    {
        using var temp = new TempFolder();
        string good = temp.Write("good.txt", "one two three\n");
        string bad = temp.Write("bad.txt", "four five\0six\n");
        var e = Assert.Throws<FastW2VException>(() => CorpusPreparation.Prepare(new CorpusSet([good, bad]), Options(2)))!;
        Assert.That(e.Message, Does.Contain("bad.txt").And.Contain("9"));
    }
}
