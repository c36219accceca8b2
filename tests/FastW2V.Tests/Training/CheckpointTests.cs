using FastW2V.Corpus;
using FastW2V.Training;
using FastW2V.Vocabularies;
using FastW2V.Preparation;

namespace FastW2V.Tests.Training;

public unsafe class CheckpointTests
{
    private static PreparedCorpus Prepare() =>
        CorpusPreparation.Prepare(new CorpusSource(TestData.RequireShared(TestData.Lee)), new PreparationOptions
        {
            Threads = 2, Encode = true, Vocabulary = new VocabularyOptions { MinCount = 3 },
        });

    private static TrainingOptions Options(Architecture arch, bool hs) => new()
    {
        Architecture = arch, Dimension = 24, Iterations = 3, Threads = 1, Seed = 7,
        HierarchicalSoftmax = hs, Negative = hs ? 0 : 5,
    };

    private static float[] Values(WordVectorModel m) =>
        [.. new Span<float>(m.Input.Data, m.Input.Rows * m.Input.Stride), .. new Span<float>(m.Output.Data, m.Output.Rows * m.Output.Stride),
         .. new Span<float>(m.Tree.Data, m.Tree.Rows * m.Tree.Stride)];

    private static CheckpointFile Header(PreparedCorpus p) => new()
    {
        Arguments = ["test"], WorkingDirectory = "/", CorpusPath = "lee", CorpusLength = 0, CorpusModified = DateTime.UnixEpoch,
        Vocabulary = p.Vocabulary, State = new TrainingState { WordsDone = 0, Workers = [] }, TokenCount = p.Encoded!.TokenCount,
    };

    [TestCase(Architecture.SkipGram, false)]
    [TestCase(Architecture.Cbow, false)]
    [TestCase(Architecture.SkipGram, true)]
    public void A_run_stopped_and_resumed_from_its_checkpoint_ends_bit_identical(Architecture arch, bool hs)
    {
        using var temp = new TempFolder();
        using var prepared = Prepare();
        var options = Options(arch, hs);
        float[] uninterrupted;
        using (var m = Trainer.Train(prepared.Vocabulary, prepared.Encoded!, options).Model) uninterrupted = Values(m);

        // Stopped part-way (as a signal does): the checkpoint is written as the workers leave.
        string file = temp.File("run.ckpt");
        using var stop = new CancellationTokenSource();
        Assert.Throws<OperationCanceledException>(() => Trainer.Train(prepared.Vocabulary, prepared.Encoded!, options,
            s => { if (s.Fraction > 0.4) stop.Cancel(); }, TimeSpan.FromMilliseconds(1), control: new TrainingControl
            {
                Stop = stop.Token,
                Checkpoint = (state, model) => CheckpointFile.Write(file, Header(prepared), state, model),
            }));
        var checkpoint = CheckpointFile.Read(file);
        Assert.That(checkpoint.State.WordsDone, Is.GreaterThan(0).And.LessThan(prepared.Encoded!.TokenCount * 3));
        Assert.That(checkpoint.Vocabulary.Count, Is.EqualTo(prepared.Vocabulary.Count));

        var resumed = Trainer.Train(checkpoint.Vocabulary, prepared.Encoded!, options, control: new TrainingControl
        {
            Resume = checkpoint.State,
            Initialize = checkpoint.LoadModel,
        });
        using (resumed.Model) Assert.That(Values(resumed.Model), Is.EqualTo(uninterrupted));
    }

    [Test]
    public void Periodic_checkpoints_park_the_workers_without_changing_the_result()
    {
        using var temp = new TempFolder();
        using var prepared = Prepare();
        var options = Options(Architecture.SkipGram, false);
        float[] uninterrupted;
        using (var m = Trainer.Train(prepared.Vocabulary, prepared.Encoded!, options).Model) uninterrupted = Values(m);
        int written = 0;
        string file = temp.File("run.ckpt");
        var r = Trainer.Train(prepared.Vocabulary, prepared.Encoded!, options, _ => { }, TimeSpan.FromMilliseconds(1), control: new TrainingControl
        {
            CheckpointEvery = TimeSpan.FromMilliseconds(5),
            Checkpoint = (state, model) => { CheckpointFile.Write(file, Header(prepared), state, model); written++; },
        });
        using (r.Model) Assert.That(Values(r.Model), Is.EqualTo(uninterrupted));
        Assert.That(written, Is.GreaterThanOrEqualTo(2)); // at least the two epoch ends
        Assert.That(File.Exists(file), Is.True);
        Assert.That(Directory.GetFiles(temp.Path), Has.Length.EqualTo(1)); // no temp file left
    }

    [Test]
    public void A_file_that_is_not_a_checkpoint_is_one_clear_error()
    {
        using var temp = new TempFolder();
        string bad = temp.Write("bad.ckpt", "hello, this is not a checkpoint at all");
        Assert.That(() => CheckpointFile.Read(bad), Throws.TypeOf<FastW2VException>().With.Message.Contains("not an fw2v checkpoint"));
        string missing = temp.File("none.ckpt");
        Assert.That(() => CheckpointFile.Read(missing), Throws.TypeOf<FastW2VException>().With.Message.Contains("does not exist"));
    }
}
