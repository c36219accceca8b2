using FastW2V.Corpus;
using FastW2V.Vocabularies;
using FastW2V.Preparation;

namespace FastW2V.Tests.Vocabularies;

public class VocabularyFileTests
{
    [Test]
    public void Save_then_read_gives_the_same_vocabulary()
    {
        using var temp = new TempFolder();
        using var prepared = CorpusPreparation.Prepare(new CorpusSource(TestData.RequireShared(TestData.Lee)), new PreparationOptions { Threads = 2 });
        string file = temp.File("v.txt");
        VocabularyFile.Save(prepared.Vocabulary, file);
        var read = VocabularyFile.Read(file, new VocabularyOptions { MinCount = 5 });
        Assert.That(read.Count, Is.EqualTo(prepared.Vocabulary.Count));
        for (int i = 0; i < read.Count; i++)
        {
            Assert.That(read.GetWord(i), Is.EqualTo(prepared.Vocabulary.GetWord(i)));
            Assert.That(read.GetCount(i), Is.EqualTo(prepared.Vocabulary.GetCount(i)));
        }
        Assert.That(File.ReadAllLines(file)[0], Is.EqualTo("</s> " + prepared.Vocabulary.GetCount(0)));
    }

    [Test]
    public void Reading_sorts_stably_applies_min_count_and_puts_the_sentence_end_first()
    {
        using var temp = new TempFolder();
        string file = temp.Write("v.txt", "b 5\r\na 7\nc 5\nrare 1\n");
        var v = VocabularyFile.Read(file, new VocabularyOptions { MinCount = 2 });
        Assert.That(Enumerable.Range(0, v.Count).Select(v.GetWord), Is.EqualTo(new[] { "</s>", "a", "b", "c" }));
        Assert.That(v.TotalCount, Is.EqualTo(17));
    }

    [TestCase("just-a-word\n", "line 1")]
    [TestCase("a 1\nb x\n", "line 2")]
    [TestCase("a 1\na 2\n", "repeats")]
    public void Malformed_files_are_reported_with_the_line(string content, string expected)
    {
        using var temp = new TempFolder();
        var e = Assert.Throws<FastW2VException>(() => VocabularyFile.Read(temp.Write("v.txt", content), new VocabularyOptions { MinCount = 1 }));
        Assert.That(e!.Message, Does.Contain(expected));
    }

    [Test]
    public void Encoding_against_a_read_vocabulary_skips_unknown_words()
    {
        using var temp = new TempFolder();
        string vocab = temp.Write("v.txt", "</s> 0\nb 3\na 2\n");
        string corpus = temp.Write("c.txt", "a x b\nb y a");
        var given = VocabularyFile.Read(vocab, new VocabularyOptions { MinCount = 1 });
        using var prepared = CorpusPreparation.Prepare(new CorpusSource(corpus), new PreparationOptions { Threads = 1, Encode = true, GivenVocabulary = given });
        Assert.That(prepared.Encoded!.ToArray(), Is.EqualTo(new[] { 2, 1, 0, 1, 2 }));
    }
}
