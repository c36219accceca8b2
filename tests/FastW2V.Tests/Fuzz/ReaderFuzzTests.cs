using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using FastW2V.Corpus;
using FastW2V.Evaluation;
using FastW2V.Formats;
using FastW2V.Preparation;
using FastW2V.Vocabularies;

namespace FastW2V.Tests.Fuzz;

/// <summary>
/// Every reader against generated inputs: valid seeds mutated by a seeded generator (bytes flipped,
/// deleted, inserted from a set of troublemakers — NUL, 0xFF, a lone UTF-8 lead byte, "nan", "-1",
/// huge numbers, newlines — lines repeated, files cut short) and plain random bytes. The property is the
/// CLI's contract: a result, or a <see cref="FastW2VException"/> (one line, exit 1) — never any other
/// exception (an "internal error"). Results are checked where they can be: a corpus's counts against the
/// reference tokenizer, vectors finite and distinct. The count per reader is printed for the report.
/// </summary>
public class ReaderFuzzTests
{
    private const int Inputs = 10_000;

    private static readonly byte[][] Troublemakers =
    [
        [0], [0xFF], [0xC3], [0xE2, 0x82], [(byte)'\n'], [(byte)'\r'], [(byte)' '], [(byte)'\t'],
        "nan"u8.ToArray(), "-1"u8.ToArray(), "99999999999999999999"u8.ToArray(), "1e39"u8.ToArray(),
        "</s>"u8.ToArray(), "0"u8.ToArray(), "#"u8.ToArray(), ":"u8.ToArray(), "é"u8.ToArray(),
    ];

    /// <summary>A mutation of <paramref name="seed"/>, or random bytes one time in ten.</summary>
    private static byte[] Mutate(byte[] seed, Random rng)
    {
        if (rng.Next(10) == 0)
        {
            var random = new byte[rng.Next(0, 200)];
            rng.NextBytes(random);
            return random;
        }
        var bytes = new List<byte>(seed);
        int edits = 1 + rng.Next(4);
        for (int e = 0; e < edits && bytes.Count > 0; e++)
        {
            int at = rng.Next(bytes.Count);
            switch (rng.Next(6))
            {
                case 0: bytes[at] = (byte)rng.Next(256); break;
                case 1: bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + rng.Next(8))); break;
                case 2: bytes.InsertRange(at, Troublemakers[rng.Next(Troublemakers.Length)]); break;
                case 3: bytes.RemoveRange(at, bytes.Count - at); break; // cut short
                case 4:
                    int end = bytes.IndexOf((byte)'\n', at);
                    if (end > at) bytes.InsertRange(at, bytes.GetRange(at, end - at + 1)); // repeat a line
                    break;
                default: bytes.Insert(at, (byte)(0x20 + rng.Next(95))); break;
            }
        }
        return [.. bytes];
    }

    /// <summary>Runs the reader on every input; returns how many were accepted and how many refused.</summary>
    private static (int Accepted, int Refused) Fuzz(string name, byte[] seed, int salt, Action<string, byte[]> read)
    {
        using var temp = new TempFolder();
        var rng = new Random(1234 + salt);
        int accepted = 0, refused = 0;
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < Inputs; i++)
        {
            byte[] input = i == 0 ? seed : Mutate(seed, rng);
            string path = temp.File($"in-{i % 8}");
            File.WriteAllBytes(path, input);
            try
            {
                read(path, input);
                accepted++;
            }
            catch (FastW2VException) { refused++; }
            catch (Exception e) when (e is not AssertionException)
            {
                Assert.Fail($"{name}: input {i} ({Convert.ToBase64String(input)}) ended in {e.GetType().Name}: {e.Message}");
            }
        }
        TestContext.Out.WriteLine($"{name}: {Inputs} inputs, {accepted} accepted, {refused} refused, {clock.Elapsed.TotalSeconds:F1} s");
        return (accepted, refused);
    }

    private static readonly byte[] CorpusSeed = Encoding.UTF8.GetBytes(
        "the quick brown fox jumps over the lazy dog\nthe dog sleeps\nnaïve café the fox\n  \n\tthe end");

    private static PreparationOptions CorpusOptions(TempFolder cache) => new()
    {
        Threads = 1, Encode = true, CacheFolder = cache.Path, Vocabulary = new VocabularyOptions { MinCount = 1 },
    };

    [Test]
    public void Corpus_reader()
    {
        using var cache = new TempFolder();
        var (accepted, refused) = Fuzz("corpus", CorpusSeed, 1, (path, bytes) =>
        {
            using var prepared = CorpusPreparation.Prepare(new CorpusSource(path), CorpusOptions(cache));
            var tokens = Tokenization.SplitReference(bytes);
            Assert.That(prepared.Vocabulary.CorpusTokens, Is.EqualTo(tokens.Count));
            Assert.That(prepared.Encoded!.TokenCount, Is.EqualTo(tokens.Count));
        });
        Assert.That(accepted, Is.GreaterThan(1000));
        Assert.That(refused, Is.GreaterThan(100));
        Assert.That(Directory.GetFileSystemEntries(cache.Path), Is.Empty, "every cache folder removed");
    }

    [Test]
    public void Gzip_corpus_reader()
    {
        static byte[] Gzip(byte[] text)
        {
            using var buffer = new MemoryStream();
            using (var z = new GZipStream(buffer, CompressionLevel.Fastest)) z.Write(text);
            return buffer.ToArray();
        }
        using var cache = new TempFolder();
        var rng = new Random(99);
        // Half the inputs are valid gzip of mutated text (checked against the reference), half mutated gzip bytes.
        var (accepted, _) = Fuzz("gzip corpus", Gzip(CorpusSeed), 2, (path, _) =>
        {
            byte[]? text = null;
            if (rng.Next(2) == 0)
            {
                text = Mutate(CorpusSeed, rng);
                File.WriteAllBytes(path, Gzip(text));
            }
            using var prepared = CorpusPreparation.Prepare(new CorpusSource(path), CorpusOptions(cache));
            if (text != null) Assert.That(prepared.Vocabulary.CorpusTokens, Is.EqualTo(Tokenization.SplitReference(text).Count));
        });
        Assert.That(accepted, Is.GreaterThan(1000));
    }

    [Test]
    public void Vocabulary_file_reader()
    {
        byte[] seed = Encoding.UTF8.GetBytes("</s> 3\nthe 12\ndog 5\nfox 5\ncafé 2\nlazy 1\n");
        var options = new VocabularyOptions { MinCount = 1 };
        var (accepted, refused) = Fuzz("vocabulary file", seed, 3, (path, _) =>
        {
            var v = VocabularyFile.Read(path, options);
            Assert.That(v.GetWord(0), Is.EqualTo("</s>"));
            Assert.That(Enumerable.Range(0, v.Count).Select(v.GetWord).Distinct().Count(), Is.EqualTo(v.Count));
        });
        Assert.That(accepted, Is.GreaterThan(1000));
        Assert.That(refused, Is.GreaterThan(100));
    }

    private static void CheckVectors(WordVectors v)
    {
        Assert.That(v.Words.Select(Convert.ToBase64String).Distinct().Count(), Is.EqualTo(v.Count));
        for (int r = 0; r < v.Count; r++)
            foreach (float x in v.Vectors.RowSpan(r)) Assert.That(float.IsFinite(x), Is.True);
    }

    [Test]
    public void Text_vector_reader()
    {
        byte[] seed = Encoding.UTF8.GetBytes("3 4\nking 0.1 -0.2 0.3 1e-3\nqueen 0.5 0.25 -1 2\ncafé 0 0 0 1\n");
        var (accepted, refused) = Fuzz("text vectors", seed, 4, (path, _) =>
        {
            using var v = VectorFileReader.Read(path);
            CheckVectors(v);
        });
        Assert.That(accepted, Is.GreaterThan(300)); // most edits break a line's count of numbers
        Assert.That(refused, Is.GreaterThan(1000));
    }

    [Test]
    public void Binary_vector_reader()
    {
        var seed = new List<byte>(Encoding.ASCII.GetBytes("3 4\n"));
        foreach (var word in new[] { "king", "queen", "café" })
        {
            seed.AddRange(Encoding.UTF8.GetBytes(word + " "));
            foreach (float x in new[] { 0.1f, -0.2f, 0.3f, 1e-3f }) seed.AddRange(BitConverter.GetBytes(x));
            seed.Add((byte)'\n');
        }
        var (accepted, refused) = Fuzz("binary vectors", [.. seed], 5, (path, _) =>
        {
            using var v = VectorFileReader.Read(path, binary: true);
            CheckVectors(v);
        });
        Assert.That(accepted, Is.GreaterThan(1000));
        Assert.That(refused, Is.GreaterThan(1000));
    }

    [Test]
    public void Analogy_questions_reader()
    {
        byte[] seed = Encoding.UTF8.GetBytes(": capital-common-countries\nAthens Greece Baghdad Iraq\nBerlin Germany Paris France\n: gram1-adjective-to-adverb\ncalm calmly quick quickly\n");
        var (accepted, _) = Fuzz("analogy questions", seed, 6, (path, _) => Assert.That(AnalogyQuestions.Read(path), Is.Not.Null));
        Assert.That(accepted, Is.GreaterThan(1000));
    }

    [Test]
    public void Similarity_pairs_reader()
    {
        byte[] seed = Encoding.UTF8.GetBytes("# comment\nWord 1\tWord 2\tHuman (mean)\ntiger\tcat\t7.35\nbook\tpaper 7.46\ncomputer keyboard 7.62\n");
        var (accepted, _) = Fuzz("similarity pairs", seed, 7, (path, _) =>
        {
            var pairs = SimilarityPairs.Read(path);
            foreach (var p in pairs.Pairs) Assert.That(double.IsFinite(p.Score), Is.True);
        });
        Assert.That(accepted, Is.GreaterThan(1000));
    }

    /// <summary>
    /// The CLI's whole contract on the vector reader: `fw2v convert IN OUT` over an existing OUT either
    /// exits 0 with a readable OUT, or prints one line, exits 1 and leaves OUT as it was.
    /// </summary>
    [Test]
    public void Convert_through_the_cli_never_changes_a_previous_output_on_failure()
    {
        byte[] seed = Encoding.UTF8.GetBytes("3 4\nking 0.1 -0.2 0.3 1e-3\nqueen 0.5 0.25 -1 2\ncafé 0 0 0 1\n");
        using var temp = new TempFolder();
        string output = temp.File("out.bin");
        var rng = new Random(4242);
        int ok = 0, refused = 0;
        for (int i = 0; i < Inputs; i++)
        {
            string input = temp.File("in.txt");
            File.WriteAllBytes(input, i == 0 ? seed : Mutate(seed, rng));
            File.WriteAllText(output, "precious");
            var error = new StringWriter();
            int code = FastW2V.Cli.Cli.Run(["convert", input, output, "--binary"], new StringWriter(), error);
            string err = error.ToString();
            if (code == 0)
            {
                // Read back as what was written: the format detection cannot tell every binary file from
                // text (gensim writes binary vectors without newlines), so it is told here.
                try { using var v = VectorFileReader.Read(output, binary: true); }
                catch (FastW2VException e)
                {
                    Assert.Fail($"input {i} ({Convert.ToBase64String(File.ReadAllBytes(input))}): the written file does not read back: {e.Message}; written: {Convert.ToBase64String(File.ReadAllBytes(output))}");
                }
                ok++;
                continue;
            }
            refused++;
            Assert.That(code, Is.EqualTo(1), err);
            Assert.That(err, Does.Not.Contain("internal error"));
            Assert.That(err.TrimEnd().Split('\n'), Has.Length.EqualTo(1), err);
            Assert.That(File.ReadAllText(output), Is.EqualTo("precious"), $"input {i} changed the previous output");
        }
        Assert.That(Directory.GetFiles(temp.Path).Select(Path.GetFileName), Is.EquivalentTo(new[] { "in.txt", "out.bin" }), "no temporary file left");
        TestContext.Out.WriteLine($"convert (CLI): {Inputs} inputs, {ok} written, {refused} refused");
        Assert.That(ok, Is.GreaterThan(300));
    }
}
