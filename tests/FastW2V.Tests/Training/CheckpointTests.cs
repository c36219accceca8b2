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
        Arguments = ["test"], WorkingDirectory = "/", Corpus = [new("/lee", 0, DateTime.UnixEpoch)],
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

    private static TrainingOptions AllMatrices => new()
    {
        Architecture = Architecture.SkipGram, Dimension = 8, Iterations = 3, Threads = 2, Seed = 7,
        HierarchicalSoftmax = true, Negative = 3,
    };

    /// <summary>A checkpoint written as a stop request arrives part-way through the second epoch.</summary>
    private static string Stopped(TempFolder temp, PreparedCorpus prepared, TrainingOptions options)
    {
        string file = temp.File("run.ckpt");
        using var stop = new CancellationTokenSource();
        Assert.Throws<OperationCanceledException>(() => Trainer.Train(prepared.Vocabulary, prepared.Encoded!,
            options, s => { if (s.Fraction > 0.4) stop.Cancel(); }, TimeSpan.FromMilliseconds(1),
            control: new TrainingControl
            {
                Stop = stop.Token,
                Checkpoint = (state, model) => CheckpointFile.Write(file, Header(prepared), state, model),
            }));
        return file;
    }

    /// <summary>Resumes as the pipeline does (read, check the state against the run, load the matrices).</summary>
    private static void Resume(string file, PreparedCorpus prepared, TrainingOptions options)
    {
        var checkpoint = CheckpointFile.Read(file);
        var r = Trainer.Train(checkpoint.Vocabulary, prepared.Encoded!, options, control: new TrainingControl
        {
            Resume = checkpoint.State, Initialize = checkpoint.LoadModel,
        });
        r.Model.Dispose();
    }

    private static void AssertRefused(TestDelegate resume, string path, string contains)
    {
        var e = Assert.Throws<FastW2VException>(resume)!;
        TestContext.Out.WriteLine(e.Message);
        Assert.That(e.Message, Does.Contain(path).And.Contain(contains));
        Assert.That(e.Message, Does.Not.Contain("\n"));
    }

    [Test]
    public void A_changed_byte_in_any_section_is_refused_naming_the_checkpoint_and_the_section()
    {
        using var temp = new TempFolder();
        using var prepared = Prepare();
        var options = AllMatrices;
        string file = Stopped(temp, prepared, options);
        byte[] good = File.ReadAllBytes(file);
        Assert.DoesNotThrow(() => Resume(file, prepared, options));
        foreach (var section in CheckpointImage.Sections(good))
        {
            Assert.That(section.Length, Is.GreaterThan(8), section.Name);
            foreach (int at in new[] { section.Start + 3, section.Payload + section.Length / 2, section.End - 1 })
            {
                byte[] bad = (byte[])good.Clone();
                bad[at] ^= 0x10;
                string damaged = temp.Write("damaged.ckpt", bad);
                string expected = at == section.Start + 3 ? "section"
                    : $"its {section.Name} section fails its checksum";
                AssertRefused(() => Resume(damaged, prepared, options), damaged, expected);
            }
        }
    }

    /// <summary>A field changed and its section sealed again (forged): the range checks behind the checksums.</summary>
    [TestCase("worker 0 negative cursor", 5000, "negative-sample cursor")]
    [TestCase("worker 1 negative cursor", -1, "negative-sample cursor")]
    [TestCase("worker 0 negative 1023", 1 << 30, "negative sample")]
    [TestCase("worker 1 negative 0", -1, "negative sample")]
    [TestCase("worker 0 epoch", -1, "epoch -1")]
    [TestCase("worker 0 offset", long.MaxValue, "at token")]
    [TestCase("worker 1 offset", -1L, "at token")]
    [TestCase("worker 0 words", 0L, "words read by worker 0")]
    [TestCase("worker 1 reported", -5L, "reported")]
    [TestCase("words done", 1L, "words done")]
    [TestCase("worker count", int.MaxValue, "workers")]
    [TestCase("worker count", 0, "no worker")]
    [TestCase("corpus 0 ticks", long.MaxValue, "time of corpus file 0")]
    [TestCase("corpus 0 ticks", -1L, "time of corpus file 0")]
    [TestCase("corpus 0 length", long.MinValue, "length of corpus file 0")]
    [TestCase("argument count", -1, "arguments")]
    [TestCase("corpus file count", int.MaxValue, "corpus files")]
    [TestCase("token count", 0L, "token count")]
    [TestCase("word count", -1, "words")]
    [TestCase("word 5 length", -1, "word 5")]
    [TestCase("word 5 length", int.MaxValue, "word 5")]
    [TestCase("word 3 count", long.MaxValue, "count of word 3")]
    [TestCase("word 3 count", -1L, "count of word 3")]
    [TestCase("prune rounds", int.MinValue, "prune rounds")]
    [TestCase("rows", -1, "matrix")]
    public void A_forged_field_is_refused_in_one_line(string field, object value, string contains)
    {
        using var temp = new TempFolder();
        using var prepared = Prepare();
        var options = AllMatrices;
        byte[] bytes = File.ReadAllBytes(Stopped(temp, prepared, options));
        var f = CheckpointImage.Fields(bytes).First(x => x.Name == field);
        if (value is int i) System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(f.Offset), i);
        else System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(f.Offset), (long)value);
        CheckpointImage.Seal(bytes);
        string forged = temp.Write("forged.ckpt", bytes);
        AssertRefused(() => Resume(forged, prepared, options), forged, contains);
    }

    [Test]
    public void A_bad_string_length_and_a_state_beyond_the_runs_epochs_are_one_line()
    {
        using var temp = new TempFolder();
        using var prepared = Prepare();
        var options = AllMatrices;
        byte[] good = File.ReadAllBytes(Stopped(temp, prepared, options));
        var fields = CheckpointImage.Fields(good);

        byte[] bytes = (byte[])good.Clone();
        var length = fields.First(x => x.Name == "working folder length");
        bytes.AsSpan(length.Offset, length.Width).Fill(0xFF); // a 7-bit length that never ends
        CheckpointImage.Seal(bytes);
        string forged = temp.Write("string.ckpt", bytes);
        AssertRefused(() => Resume(forged, prepared, options), forged, "working folder");

        // Epoch 5 of a 3-epoch run, its word count consistent with it: only the run's options can refuse it.
        bytes = (byte[])good.Clone();
        long range = prepared.Encoded!.TokenCount / 2;
        var offset = fields.First(x => x.Name == "worker 0 offset");
        long words = System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(offset.Offset + 8));
        long at = System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(offset.Offset));
        int epoch = (int)((words - at) / range);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(offset.Offset - 4), epoch + 4);
        System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(offset.Offset + 8),
            words + 4 * range);
        CheckpointImage.Seal(bytes);
        forged = temp.Write("epoch.ckpt", bytes);
        Assert.DoesNotThrow(() => CheckpointFile.Read(forged));
        AssertRefused(() => Resume(forged, prepared, options), forged, $"epoch {epoch + 4} of 3");
    }

    /// <summary>Epochs far shorter than the monitor's polling interval: each end still gets its checkpoint,
    /// with every worker at the start of the next epoch.</summary>
    [TestCase(1)]
    [TestCase(2)]
    public void Every_epoch_end_but_the_last_gets_its_checkpoint_however_short_the_epochs(int threads)
    {
        using var prepared = Prepare();
        var options = new TrainingOptions
        {
            Architecture = Architecture.Cbow, Dimension = 4, Iterations = 8, Threads = threads, Seed = 7, Negative = 1,
            Sample = 1e-2,
        };
        var epochs = new List<int[]>();
        var r = Trainer.Train(prepared.Vocabulary, prepared.Encoded!, options, control: new TrainingControl
        {
            Checkpoint = (state, _) =>
            {
                Assert.That(state.Workers.Select(w => w.Offset), Is.All.Zero);
                epochs.Add([.. state.Workers.Select(w => w.Epoch)]);
            },
        });
        r.Model.Dispose();
        Assert.That(epochs.Select(e => e.Distinct().Single()), Is.EqualTo(Enumerable.Range(1, 7)));
    }

    /// <summary>Periodic checkpoints every millisecond among the epoch ends, two workers: every one written is a
    /// state the reader's and the trainer's checks accept, and the last resumes.</summary>
    [Test]
    public void Checkpoints_taken_at_any_moment_pass_the_checks_and_resume()
    {
        using var temp = new TempFolder();
        using var prepared = Prepare();
        var options = new TrainingOptions
        {
            Architecture = Architecture.SkipGram, Dimension = 4, Iterations = 4, Threads = 2, Seed = 7, Negative = 2,
        };
        int written = 0;
        var r = Trainer.Train(prepared.Vocabulary, prepared.Encoded!, options, control: new TrainingControl
        {
            CheckpointEvery = TimeSpan.FromMilliseconds(1),
            Checkpoint = (state, model) =>
                CheckpointFile.Write(temp.File($"{written++}.ckpt"), Header(prepared), state, model),
        });
        r.Model.Dispose();
        Assert.That(written, Is.GreaterThanOrEqualTo(3));
        for (int i = 0; i < written; i++)
        {
            var checkpoint = CheckpointFile.Read(temp.File($"{i}.ckpt"));
            checkpoint.State.CheckFits(options, prepared.Encoded!.TokenCount, prepared.Vocabulary.Count);
        }
        Resume(temp.File($"{written - 1}.ckpt"), prepared, options);
        TestContext.Out.WriteLine($"{written} checkpoints");
    }

    /// <summary>
    /// After the first checkpoint its folder is moved aside and a file takes its name, so every later
    /// checkpoint fails (as on a full disk): each is a warning naming it, training goes on to the same result,
    /// and the first checkpoint, untouched, resumes to that result too. A stop whose checkpoint cannot be
    /// written is an error.
    /// </summary>
    [Test]
    public void A_checkpoint_that_cannot_be_written_is_a_warning_and_only_the_stops_is_an_error()
    {
        using var temp = new TempFolder();
        using var prepared = Prepare();
        var options = Options(Architecture.SkipGram, false) with { Iterations = 4 };
        float[] uninterrupted;
        using (var m = Trainer.Train(prepared.Vocabulary, prepared.Encoded!, options).Model) uninterrupted = Values(m);
        string folder = temp.File("ckpt"), file = Path.Combine(folder, "run.ckpt");
        Directory.CreateDirectory(folder);
        var warnings = new List<string>();
        int attempts = 0;
        void Write(TrainingState state, WordVectorModel model)
        {
            if (attempts++ == 1)
            {
                Directory.Move(folder, folder + ".kept");
                File.WriteAllText(folder, "in the way");
            }
            CheckpointFile.Write(file, Header(prepared), state, model);
        }
        var r = Trainer.Train(prepared.Vocabulary, prepared.Encoded!, options, control: new TrainingControl
        {
            Checkpoint = Write, Warning = warnings.Add,
        });
        using (r.Model) Assert.That(Values(r.Model), Is.EqualTo(uninterrupted));
        Assert.That(attempts, Is.EqualTo(3));
        Assert.That(warnings, Has.Count.EqualTo(2).And.All.Contains(file).And.All.Contains("training goes on"));
        TestContext.Out.WriteLine(warnings[0]);

        var kept = CheckpointFile.Read(Path.Combine(folder + ".kept", "run.ckpt"));
        Assert.That(kept.State.Workers[0].Epoch, Is.EqualTo(1));
        var resumed = Trainer.Train(kept.Vocabulary, prepared.Encoded!, options, control: new TrainingControl
        {
            Resume = kept.State, Initialize = kept.LoadModel,
        });
        using (resumed.Model) Assert.That(Values(resumed.Model), Is.EqualTo(uninterrupted));

        using var stop = new CancellationTokenSource();
        var e = Assert.Throws<FastW2VException>(() => Trainer.Train(prepared.Vocabulary, prepared.Encoded!, options,
            s => { if (s.Fraction > 0.1) stop.Cancel(); }, TimeSpan.FromMilliseconds(1), control: new TrainingControl
            {
                Stop = stop.Token, Warning = warnings.Add,
                Checkpoint = (state, model) => CheckpointFile.Write(file, Header(prepared), state, model),
            }))!;
        Assert.That(e.Message, Does.StartWith("Training stopped, but its checkpoint was not written")
            .And.Contain(file));
        TestContext.Out.WriteLine(e.Message);
    }
}
