using FastW2V.Formats;
using FastW2V.Training;
using FastW2V.Vocabularies;

namespace FastW2V.Tests.Pipeline;

/// <summary>The library's training entry point: its rules and what a run returns, without the command line.</summary>
public class TrainingRunTests
{
    private static TrainingJob Job(TempFolder temp, TrainingOptions? training = null) => new()
    {
        Input = TestData.RequireShared(TestData.Lee),
        Output = temp.File("v.txt"),
        Training = training ?? new TrainingOptions { Architecture = Architecture.SkipGram, Dimension = 10, Iterations = 1, Threads = 2 },
        Vocabulary = new VocabularyOptions { MinCount = 20 },
    };

    private static string Refusal(TrainingJob job) =>
        Assert.Throws<FastW2VException>(() => TrainingRun.Execute(job))!.Message;

    [Test]
    public void A_run_writes_the_vectors_and_reports_corpus_training_and_outputs()
    {
        using var temp = new TempFolder();
        var lines = new List<string>();
        var snapshots = new List<TrainingSnapshot>();
        var report = TrainingRun.Execute(Job(temp) with { Binary = true, SaveVocabulary = temp.File("vocab.txt") },
            new TrainingEvents { Log = lines.Add, Progress = snapshots.Add, ProgressInterval = TimeSpan.FromMilliseconds(1) });
        using var vectors = VectorFileReader.Read(temp.File("v.txt"));
        Assert.That(vectors.Count, Is.EqualTo(report.Corpus.VocabularyWords));
        Assert.That(vectors.Dimension, Is.EqualTo(10));
        Assert.That(report.Result!.Words, Is.GreaterThan(0));
        Assert.That(report.Corpus.CorpusTokens, Is.GreaterThan(report.Corpus.TrainingTokens));
        Assert.That(report.Outputs.Select(o => (o.Kind, o.Format)),
            Is.EqualTo(new[] { ("vectors", "binary"), ("vocabulary", "text") }));
        Assert.That(lines, Has.Some.StartsWith("Vocabulary:").And.Some.StartsWith("Output:"));
        Assert.That(snapshots.Last().Fraction, Is.EqualTo(1));
    }

    [Test]
    public void Counting_alone_saves_the_vocabulary_and_trains_nothing()
    {
        using var temp = new TempFolder();
        var job = Job(temp) with { Output = null, SaveVocabulary = temp.File("vocab.txt") };
        var corpus = TrainingRun.Count(job, encode: true);
        Assert.That(File.ReadAllLines(temp.File("vocab.txt")), Has.Length.EqualTo(corpus.VocabularyWords));
        Assert.That(corpus.EncodedTokens, Is.EqualTo(corpus.TrainingTokens));
        Assert.That(File.Exists(temp.File("v.txt")), Is.False);
    }

    [Test]
    public void The_learning_rate_falls_linearly_to_a_floor_for_workers_and_progress_alike()
    {
        var options = new TrainingOptions { Architecture = Architecture.SkipGram };
        Assert.That(options.AlphaAt(0, 1000), Is.EqualTo(0.025f));
        Assert.That(options.AlphaAt(500, 999), Is.EqualTo(0.0125f).Within(1e-6));
        Assert.That(options.AlphaAt(1000, 999), Is.EqualTo(0.025f * 1e-4f));
    }

    [TestCase(LossKind.HierarchicalSoftmax, 0, true, false)]
    [TestCase(LossKind.Softmax, 0, false, true)]
    [TestCase(LossKind.NegativeSampling, 5, false, false)]
    public void A_loss_by_name_sets_what_the_word2vec_flags_leave_out(LossKind loss, int negative, bool hs, bool softmax)
    {
        var options = new TrainingOptions { Loss = loss };
        Assert.That((options.Negative, options.HierarchicalSoftmax, options.FullSoftmax), Is.EqualTo((negative, hs, softmax)));
    }

    [Test]
    public void The_library_owns_every_refusal()
    {
        using var temp = new TempFolder();
        var skipGram = new TrainingOptions { Architecture = Architecture.SkipGram, Dimension = 10, Iterations = 1 };
        Assert.That(Refusal(Job(temp, skipGram with { Loss = LossKind.HierarchicalSoftmax, Negative = 5 })),
            Does.Contain("trains no negative samples"));
        Assert.That(Refusal(Job(temp, skipGram with { Loss = LossKind.Softmax, HierarchicalSoftmax = true })),
            Does.Contain("either --loss or -hs"));
        Assert.That(Refusal(Job(temp) with { Output = null }), Does.StartWith("Nothing to do"));
        Assert.That(Refusal(Job(temp) with { Classes = -1 }), Does.Contain("-classes must be 0"));
        Assert.That(Refusal(Job(temp) with { EvaluateEveryEpoch = true }), Does.Contain("--eval-every-epoch needs"));
        Assert.That(Refusal(Job(temp) with { OutputVectors = temp.File("v.txt") }), Does.Contain("same file"));
        Assert.That(Refusal(Job(temp) with { Input = null }), Does.StartWith("Give the training text"));
        Assert.That(File.Exists(temp.File("v.txt")), Is.False, "a refused job writes nothing");
    }

    [Test]
    public void A_stop_before_the_end_is_a_TrainingStoppedException_and_writes_nothing()
    {
        using var temp = new TempFolder();
        using var stop = new CancellationTokenSource();
        var events = new TrainingEvents { Stop = stop.Token, TrainingPhase = training => { if (training) stop.Cancel(); } };
        var e = Assert.Throws<TrainingStoppedException>(() => TrainingRun.Execute(Job(temp), events))!;
        Assert.That(e.Checkpoint, Is.Null);
        Assert.That(File.Exists(temp.File("v.txt")), Is.False);
    }

    [Test]
    public void Evaluations_reach_the_caller_after_every_epoch_and_at_the_end()
    {
        using var temp = new TempFolder();
        string pairs = temp.Write("pairs.txt", "government minister 8\nsaid told 6\npeople police 3\n");
        var seen = new List<string>();
        var report = TrainingRun.Execute(Job(temp, new TrainingOptions { Dimension = 10, Iterations = 2, Threads = 2 })
            with { SimilarityPairs = [pairs], EvaluateEveryEpoch = true }, new TrainingEvents { Evaluated = e => seen.Add(e.When) });
        Assert.That(seen, Is.EqualTo(new[] { "Epoch 1", "Epoch 2" }));
        Assert.That(report.Evaluations.Select(e => e.Similarity!.Count), Is.All.EqualTo(1));
    }
}
