using System.Security.Cryptography;
using FastW2V.Corpus;
using FastW2V.Vocabularies;
using FastW2V.Preparation;

namespace FastW2V.Tests.Vocabularies;

/// <summary>
/// Our vocabulary file equals word2vec.c's byte for byte. The digests below are of the files the real
/// word2vec.c (tmikolov/word2vec @ e092540, gcc 12, glibc 2.36) wrote with
/// <c>word2vec -train lee_background.cor -save-vocab F -min-count N</c>. The corpus does not end in a
/// newline, so word2vec.c never counts its last word ("well."); FastW2V deliberately does. The test
/// therefore feeds us the corpus without that unterminated last word, which is what word2vec.c counts.
/// </summary>
public class Word2VecCompatibilityTests
{
    [TestCase(5, "378fec9c5ea650c68504b2e1c425b0ea5dd5889b048eebbf6eb8fc974e323bbb")]
    [TestCase(1, "afa62cc09c4992d9761696c6f4282528c060185cf7e4b96efcccce988c5aaa27")]
    public void Vocabulary_file_is_byte_identical_to_word2vec_c(long minCount, string word2vecSha256)
    {
        using var temp = new TempFolder();
        byte[] text = File.ReadAllBytes(TestData.RequireShared(TestData.Lee));
        Assert.That(text[^1], Is.Not.EqualTo((byte)'\n'), "the corpus is expected to end without a newline");
        int lastSeparator = text.AsSpan().LastIndexOf((byte)' ');
        string corpus = temp.Write("lee-without-last-word.cor", text[..(lastSeparator + 1)]);

        foreach (int threads in new[] { 1, 3 })
        {
            using var prepared = CorpusPreparation.Prepare(new CorpusSource(corpus), new PreparationOptions
            {
                Threads = threads,
                Vocabulary = new VocabularyOptions { MinCount = minCount },
            });
            string file = temp.File($"vocab-{threads}.txt");
            VocabularyFile.Save(prepared.Vocabulary, file);
            Assert.That(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file))), Is.EqualTo(word2vecSha256), $"{threads} thread(s)");
        }
    }

    [Test]
    public void The_unterminated_last_word_is_counted_unlike_word2vec_c()
    {
        using var prepared = CorpusPreparation.Prepare(new CorpusSource(TestData.RequireShared(TestData.Lee)),
            new PreparationOptions { Threads = 2, Vocabulary = new VocabularyOptions { MinCount = 1 } });
        // word2vec.c reports `well."` 4 times; the fifth is the file's last word.
        Assert.That(prepared.Vocabulary.GetCount(prepared.Vocabulary.Find("well.\"")), Is.EqualTo(5));
    }
}
