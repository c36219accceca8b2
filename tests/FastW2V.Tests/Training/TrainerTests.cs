using FastW2V.Storage;
using System.Text;
using FastW2V.Corpus;
using FastW2V.Kernels;
using FastW2V.Training;
using FastW2V.Training.Losses;
using FastW2V.Vocabularies;
using FastW2V.Preparation;

namespace FastW2V.Tests.Training;

public unsafe class TrainerTests
{
    private static PreparedCorpus Prepare(string path, int minCount = 1) =>
        CorpusPreparation.Prepare(new CorpusSource(path), new PreparationOptions
        {
            Threads = 2, Encode = true, Vocabulary = new VocabularyOptions { MinCount = minCount },
        });

    /// <summary>Two topics whose words never meet in a sentence: training must separate them.</summary>
    private static string TopicCorpus(TempFolder temp)
    {
        string[] animals = ["cat", "dog", "horse", "cow", "sheep", "goat", "pig", "duck"];
        string[] metals = ["iron", "gold", "silver", "copper", "zinc", "lead", "tin", "nickel"];
        var rng = new Random(3);
        var sb = new StringBuilder();
        for (int s = 0; s < 4000; s++)
        {
            var topic = s % 2 == 0 ? animals : metals;
            for (int w = 0; w < 10; w++) sb.Append(topic[rng.Next(topic.Length)]).Append(' ');
            sb.Append('\n');
        }
        return temp.Write("topics.txt", sb.ToString());
    }

    private static double Cosine(EmbeddingMatrix m, int a, int b)
    {
        var x = m.RowSpan(a); var y = m.RowSpan(b);
        double dot = 0, nx = 0, ny = 0;
        for (int i = 0; i < x.Length; i++) { dot += x[i] * y[i]; nx += x[i] * x[i]; ny += y[i] * y[i]; }
        return dot / Math.Sqrt(nx * ny);
    }

    public static IEnumerable<KernelStrategy> Strategies => KernelStrategies.Supported;

    private static readonly object[] TopicCases =
    [
        new object[] { Architecture.SkipGram, false, false }, new object[] { Architecture.Cbow, false, false },
        new object[] { Architecture.Cbow, true, false }, new object[] { Architecture.Cbow, false, true },
    ];

    [Test]
    public void Words_of_a_topic_end_closer_to_each_other_than_to_the_other_topic([ValueSource(nameof(TopicCases))] object[] topicCase,
        [ValueSource(nameof(Strategies))] KernelStrategy kernels, [Values] bool batch)
    {
        var (arch, sum, exact) = ((Architecture)topicCase[0], (bool)topicCase[1], (bool)topicCase[2]);
        using var temp = new TempFolder();
        using var prepared = Prepare(TopicCorpus(temp));
        var v = prepared.Vocabulary;
        var result = Trainer.Train(v, prepared.Encoded!, new TrainingOptions
        {
            Architecture = arch, CbowSum = sum, CbowExactGradient = exact, Dimension = 20, Window = 3,
            Iterations = 5, Threads = 2, Sample = 0, Kernels = kernels, Batch = batch,
        });
        using var model = result.Model;
        string[] words = ["cat", "dog", "horse", "cow", "sheep", "goat", "pig", "duck", "iron", "gold", "silver", "copper", "zinc", "lead", "tin", "nickel"];
        for (int i = 0; i < words.Length; i++)
        {
            var nearest = Enumerable.Range(0, words.Length).Where(j => j != i)
                .MaxBy(j => Cosine(model.Input, v.Find(words[i]), v.Find(words[j])));
            Assert.That(nearest / 8, Is.EqualTo(i / 8), $"{words[i]}'s nearest word is {words[nearest]}");
        }
    }

    [Test]
    public void Every_loss_separates_the_topics([Values] Architecture arch, [Values("hs", "softmax", "hs+ns")] string loss,
        [ValueSource(nameof(Strategies))] KernelStrategy kernels, [Values] bool batch)
    {
        using var temp = new TempFolder();
        using var prepared = Prepare(TopicCorpus(temp));
        var v = prepared.Vocabulary;
        var result = Trainer.Train(v, prepared.Encoded!, new TrainingOptions
        {
            Architecture = arch, Dimension = 20, Window = 3, Iterations = 5, Threads = 2, Sample = 0,
            HierarchicalSoftmax = loss.StartsWith("hs"), FullSoftmax = loss == "softmax", Negative = loss == "hs+ns" ? 5 : 0,
            Kernels = kernels, Batch = batch,
        });
        using var model = result.Model;
        Assert.That(double.IsFinite(result.AverageLoss));
        string[] words = ["cat", "dog", "horse", "cow", "sheep", "goat", "pig", "duck", "iron", "gold", "silver", "copper", "zinc", "lead", "tin", "nickel"];
        for (int i = 0; i < words.Length; i++)
        {
            var nearest = Enumerable.Range(0, words.Length).Where(j => j != i)
                .MaxBy(j => Cosine(model.Input, v.Find(words[i]), v.Find(words[j])));
            Assert.That(nearest / 8, Is.EqualTo(i / 8), $"{loss}: {words[i]}'s nearest word is {words[nearest]}");
        }
    }

    /// <summary>
    /// The full softmax optimises the softmax cross-entropy itself, so on a small real corpus it ends
    /// lower on that measure than negative sampling (which trains a different, sampled objective) after
    /// the same epochs: mean −log softmax(U·h)_centre over the corpus's CBOW windows.
    /// </summary>
    [Test]
    public void The_full_softmax_reaches_a_lower_cross_entropy_than_negative_sampling()
    {
        using var prepared = Prepare(TestData.RequireShared(TestData.Lee), minCount: 20);
        double CrossEntropy(bool softmax)
        {
            var r = Trainer.Train(prepared.Vocabulary, prepared.Encoded!, new TrainingOptions
            {
                Architecture = Architecture.Cbow, CbowSum = true, Dimension = 24, Window = 3, Iterations = 5, Threads = 1, Sample = 0,
                FullSoftmax = softmax, Negative = softmax ? 0 : 5,
            });
            using var m = r.Model;
            return MeanCbowCrossEntropy(m, prepared.Encoded!, window: 3);
        }
        double ns = CrossEntropy(false), full = CrossEntropy(true);
        TestContext.Out.WriteLine($"softmax cross-entropy after training: full softmax {full:F3}, negative sampling {ns:F3}");
        Assert.That(full, Is.LessThan(ns));
        Assert.That(full, Is.LessThan(Math.Log(prepared.Vocabulary.Count)), "better than a uniform guess");
    }

    private static double MeanCbowCrossEntropy(WordVectorModel m, EncodedCorpus corpus, int window)
    {
        int stride = m.Input.Stride, words = m.Words;
        var ids = new List<int>();
        foreach (var (p, count) in corpus.Segments(0, corpus.TokenCount))
            for (long i = 0; i < count; i++) ids.Add(((int*)p)[i]);
        var hidden = new float[stride];
        var gradient = new float[stride];
        var logits = new float[words];
        double total = 0;
        int n = 0;
        int[] sentence = ids.ToArray();
        fixed (int* s = sentence) fixed (float* h = hidden, g = gradient, l = logits)
            for (int i = window; i < sentence.Length - window; i++)
            {
                if (s[i] == 0) continue;
                int c = CbowHidden.Forward<float, VectorKernelsScalar>(m.Input.Data, stride, s, i - window, i + window, i, false, h);
                if (c == 0) continue;
                total += FullSoftmaxLoss.Apply<float, VectorKernelsScalar>(m.Output.Data, stride, words, h, g, s[i], 0f, l);
                n++;
            }
        return total / n;
    }

    [TestCase(Architecture.SkipGram)]
    [TestCase(Architecture.Cbow)]
    public void One_thread_and_a_fixed_seed_give_bit_identical_vectors(Architecture arch)
    {
        using var prepared = Prepare(TestData.RequireShared(TestData.Lee), minCount: 3);
        float[] Train(ulong seed)
        {
            var r = Trainer.Train(prepared.Vocabulary, prepared.Encoded!, new TrainingOptions
            {
                Architecture = arch, Dimension = 24, Iterations = 2, Threads = 1, Seed = seed,
            });
            using var m = r.Model;
            return new Span<float>(m.Input.Data, m.Input.Rows * m.Input.Stride).ToArray();
        }
        var a = Train(5);
        Assert.That(Train(5), Is.EqualTo(a));
        Assert.That(Train(6), Is.Not.EqualTo(a));
    }

    public static IEnumerable<KernelStrategy> BlockedStrategies => KernelStrategies.Supported.Where(s => s.Blocked);

    /// <summary>
    /// Blocked strips and level-1 loops of the same instruction set train the same model: the same
    /// updates in the same order, summed in another order (a transpose tree, strips), so equal up to float
    /// rounding, which a whole epoch of updates amplifies only slightly.
    /// </summary>
    [Test]
    public void Blocked_kernels_give_the_same_vectors_as_the_loop_kernels([ValueSource(nameof(BlockedStrategies))] KernelStrategy blocked,
        [Values] Architecture arch, [Values(16, 100, 300)] int dimension, [Values("ns", "hs", "hs+ns")] string loss)
    {
        using var prepared = Prepare(TestData.RequireShared(TestData.Lee), minCount: 3);
        float[] Train(KernelStrategy kernels)
        {
            var r = Trainer.Train(prepared.Vocabulary, prepared.Encoded!, new TrainingOptions
            {
                Architecture = arch, Dimension = dimension, Iterations = 1, Threads = 1, Kernels = kernels, Window = 4,
                HierarchicalSoftmax = loss.StartsWith("hs"), Negative = loss == "hs" ? 0 : 5,
            });
            using var m = r.Model;
            return new Span<float>(m.Input.Data, m.Input.Rows * m.Input.Stride).ToArray();
        }
        var loop = Train(KernelStrategies.Loop(blocked.InstructionSet));
        var fast = Train(blocked);
        double worst = 0, scale = loop.Max(Math.Abs);
        for (int i = 0; i < loop.Length; i++) worst = Math.Max(worst, Math.Abs(loop[i] - fast[i]));
        Assert.That(worst / scale, Is.LessThan(1e-3), $"largest difference {worst} (largest value {scale})");
        // Both trained: far from the initial vectors (the same seed gives the same start).
        using var start = new WordVectorModel(prepared.Vocabulary.Count, dimension, 1);
        var initial = new Span<float>(start.Input.Data, start.Input.Rows * start.Input.Stride).ToArray();
        double moved = 0;
        for (int i = 0; i < loop.Length; i++) moved = Math.Max(moved, Math.Abs(loop[i] - initial[i]));
        Assert.That(moved, Is.GreaterThan(100 * worst), "training moved the vectors much more than the two strategies differ");
    }

    [Test]
    public void The_epoch_callback_sees_every_epoch_but_the_last_and_its_failure_is_reported()
    {
        using var prepared = Prepare(TestData.RequireShared(TestData.Lee), minCount: 3);
        var options = new TrainingOptions { Architecture = Architecture.SkipGram, Dimension = 16, Iterations = 4, Threads = 2 };
        var seen = new List<int>();
        using (var r = Trainer.Train(prepared.Vocabulary, prepared.Encoded!, options, epochEnd: (epoch, _) => seen.Add(epoch)).Model) { }
        Assert.That(seen, Is.EqualTo(new[] { 1, 2, 3 }));
        var e = Assert.Throws<InvalidDataException>(() =>
            Trainer.Train(prepared.Vocabulary, prepared.Encoded!, options, epochEnd: (_, _) => throw new InvalidDataException("evaluation failed")));
        Assert.That(e!.Message, Is.EqualTo("evaluation failed"));
    }

    /// <summary>
    /// The workers read the Huffman tree through raw pointers; full compacting collections during
    /// training (from the progress callback) must not free it under them (before the fix, this crashed).
    /// </summary>
    [Test]
    public void Collections_during_training_free_nothing_the_workers_read([Values] Architecture arch)
    {
        using var prepared = Prepare(TestData.RequireShared(TestData.Lee), minCount: 2);
        int collections = 0;
        var r = Trainer.Train(prepared.Vocabulary, prepared.Encoded!, new TrainingOptions
        {
            Architecture = arch, Dimension = 32, Iterations = 20, Threads = 2, HierarchicalSoftmax = true, Negative = 5,
        }, _ =>
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            collections++;
        }, TimeSpan.FromMilliseconds(2));
        using var m = r.Model;
        Assert.That(collections, Is.GreaterThan(2));
        Assert.That(double.IsFinite(r.AverageLoss));
    }

    [Test]
    public void The_training_loss_falls()
    {
        using var prepared = Prepare(TestData.RequireShared(TestData.Lee), minCount: 2);
        var r = Trainer.Train(prepared.Vocabulary, prepared.Encoded!, new TrainingOptions
        {
            Architecture = Architecture.SkipGram, Dimension = 32, Iterations = 30, Threads = 1,
        }, interval: TimeSpan.FromMilliseconds(20));
        using var m = r.Model;
        Assert.That(r.LossHistory, Has.Count.GreaterThan(2));
        Assert.That(r.LossHistory[^1], Is.LessThan(r.LossHistory[0] * 0.9), string.Join(", ", r.LossHistory.Select(x => x.ToString("F3"))));
        Assert.That(double.IsFinite(r.AverageLoss));
    }

    [Test]
    public void A_huge_learning_rate_stops_with_a_clear_error_instead_of_nan_vectors()
    {
        using var prepared = Prepare(TestData.RequireShared(TestData.Lee), minCount: 2);
        var e = Assert.Throws<FastW2VException>(() => Trainer.Train(prepared.Vocabulary, prepared.Encoded!, new TrainingOptions
        {
            Architecture = Architecture.Cbow, Alpha = 1e30f, Iterations = 3, Threads = 2, Sample = 0,
        }, interval: TimeSpan.FromMilliseconds(5)));
        Assert.That(e!.Message, Does.Contain("diverged"));
    }

    [Test]
    public void A_throwing_progress_callback_stops_the_workers_before_returning()
    {
        using var prepared = Prepare(TestData.RequireShared(TestData.Lee), minCount: 2);
        var e = Assert.Throws<InvalidOperationException>(() => Trainer.Train(prepared.Vocabulary, prepared.Encoded!,
            new TrainingOptions { Iterations = 50, Threads = 2 },
            _ => throw new InvalidOperationException("display failed"), TimeSpan.FromMilliseconds(1)));
        Assert.That(e!.Message, Is.EqualTo("display failed"));
    }

    [Test]
    public void Degenerate_inputs_are_clear_errors()
    {
        using var temp = new TempFolder();
        using (var tiny = Prepare(temp.Write("tiny.txt", "a b c")))
        {
            var e = Assert.Throws<FastW2VException>(() => Trainer.Train(tiny.Vocabulary, tiny.Encoded!, new TrainingOptions { Window = 5 }));
            Assert.That(e!.Message, Does.Contain("window"));
        }
        using (var one = Prepare(temp.Write("one.txt", "same same same same same same same same")))
        {
            var e = Assert.Throws<FastW2VException>(() => Trainer.Train(one.Vocabulary, one.Encoded!, new TrainingOptions { Window = 2 }));
            Assert.That(e!.Message, Does.Contain("single word"));
        }
        Assert.Throws<FastW2VException>(() => new TrainingOptions { Negative = 0 }.Validate());
    }
}
