using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using FastW2V.Corpus;
using FastW2V.Preparation;
using FastW2V.Tests.Training;
using FastW2V.Training;
using FastW2V.Vocabularies;

namespace FastW2V.Tests.Fuzz;

/// <summary>
/// The checkpoint reader against damaged and forged checkpoints, in the style of <see cref="ReaderFuzzTests"/>.
/// A real checkpoint (a small corpus trained in-process by one worker and stopped part-way, so every field
/// has a mid-run value) is changed in every way the suite can enumerate, and each input is resumed as the
/// pipeline resumes: read, corpus and token checks, the state checked against the run, the matrices loaded,
/// training to the end. The contract: refused with a one-line <see cref="FastW2VException"/>, or resumed —
/// never another exception, never a crash.
/// <list type="bullet">
/// <item>Damage (a changed byte, a cut, bytes appended): the checksums catch it, so a damaged input must be
/// refused or, were a change harmless, resume to exactly the undamaged result (one worker: bit for bit).</item>
/// <item>Forgery (a field changed and its section's checksum recomputed): the range checks behind the
/// checksums. A forged input may describe another valid run (a different learning rate, word count or
/// matrix value), so one that is accepted must only resume without any other exception.</item>
/// </list>
/// Each test prints its count of inputs and its time for the report.
/// </summary>
public class CheckpointFuzzTests
{
    /// <summary>Offsets tried in the payload of each matrix section (every offset elsewhere).</summary>
    private const int MatrixSamples = 40;

    private static readonly Func<byte, byte>[] ByteChanges =
        [b => (byte)(b ^ 0x01), b => (byte)(b ^ 0x80), _ => 0x00, _ => 0xFF];

    private TempFolder _temp = null!;
    private PreparedCorpus _prepared = null!;
    private string _corpus = "", _input = "";
    private byte[] _seed = [];
    private string _seedSummary = "";
    private float[] _reference = [];
    private readonly Dictionary<string, PreparedCorpus> _encodings = [];

    private static readonly TrainingOptions Options = new()
    {
        Architecture = Architecture.SkipGram, Dimension = 4, Window = 2, Iterations = 3, Threads = 1, Seed = 11,
        Negative = 2, HierarchicalSoftmax = true, Sample = 1e-2,
    };

    [OneTimeSetUp]
    public void MakeSeed()
    {
        _temp = new TempFolder();
        _corpus = _temp.Write("corpus.txt", Corpus());
        _input = _temp.File("input.ckpt");
        _prepared = Prepare(null);
        _encodings[Key(_prepared.Vocabulary)] = _prepared;
        _seed = StoppedCheckpoint();
        var position = CheckpointFile.Read(_temp.Write("seed.ckpt", _seed)).State.Workers[0];
        _seedSummary = $"a {_seed.Length:N0}-byte checkpoint at epoch {position.Epoch}, token {position.Offset:N0}";
        _reference = Resume(_seed);
        Assert.That(Resume(_seed), Is.EqualTo(_reference), "one worker resumes bit for bit");
    }

    [OneTimeTearDown]
    public void Clean()
    {
        foreach (var p in _encodings.Values)
            if (p != _prepared) p.Dispose();
        _prepared.Dispose();
        _temp.Dispose();
    }

    /// <summary>Sentences of a 30-word Zipf-like vocabulary: small sections, so every offset can be tried.</summary>
    private static string Corpus()
    {
        var rng = new Random(5);
        var text = new StringBuilder();
        for (int tokens = 0; tokens < 2500;)
        {
            int length = 3 + rng.Next(10);
            for (int i = 0; i < length; i++) text.Append($"w{(int)(30 * Math.Pow(rng.NextDouble(), 2))} ");
            text.Append('\n');
            tokens += length + 1;
        }
        return text.ToString();
    }

    private PreparedCorpus Prepare(Vocabulary? given) =>
        CorpusPreparation.Prepare(new CorpusSource(_corpus), new PreparationOptions
        {
            Threads = 1, Encode = true, CacheFolder = _temp.Path, GivenVocabulary = given,
            Vocabulary = new VocabularyOptions { MinCount = 1 },
        });

    /// <summary>A checkpoint written as a stop arrives mid-epoch (retried if the run happens to end first).</summary>
    private byte[] StoppedCheckpoint()
    {
        string file = _temp.File("stopped.ckpt");
        var header = CheckpointIdentity.Header(["fuzz"], [_corpus], _prepared.Vocabulary,
            _prepared.Encoded!.TokenCount);
        for (int attempt = 0; attempt < 50; attempt++)
        {
            using var stop = new CancellationTokenSource();
            try
            {
                Trainer.Train(_prepared.Vocabulary, _prepared.Encoded!, Options,
                    s => { if (s.Fraction > 0.3) stop.Cancel(); }, TimeSpan.FromMilliseconds(1),
                    control: new TrainingControl
                    {
                        Stop = stop.Token,
                        Checkpoint = (state, model) => CheckpointFile.Write(file, header, state, model),
                    }).Model.Dispose();
            }
            catch (OperationCanceledException) { }
            if (File.Exists(file) && CheckpointFile.Read(file).State.Workers[0].Offset > 0)
                return File.ReadAllBytes(file);
        }
        Assert.Fail("no mid-epoch checkpoint in 50 runs");
        return [];
    }

    /// <summary>Overwrites the input file in place: truncating it to nothing first would make ext4 flush it to disk
    /// on every close (its auto_da_alloc), a thousand times slower than the rest of a refused input.</summary>
    private void WriteInput(byte[] bytes)
    {
        using var file = new FileStream(_input, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read, 1);
        file.Write(bytes);
        file.SetLength(bytes.Length);
    }

    /// <summary>Resumes from <paramref name="bytes"/> as the pipeline does; returns the model's values.</summary>
    private float[] Resume(byte[] bytes)
    {
        WriteInput(bytes);
        var checkpoint = CheckpointFile.Read(_input);
        CheckpointIdentity.CheckSameCorpus(checkpoint, [_corpus]);
        var encoded = Encoding(checkpoint.Vocabulary).Encoded!;
        CheckpointIdentity.CheckSameTokens(checkpoint, encoded.TokenCount);
        var result = Trainer.Train(checkpoint.Vocabulary, encoded, Options, control: new TrainingControl
        {
            Resume = checkpoint.State, Initialize = checkpoint.LoadModel,
        });
        using var m = result.Model;
        return [.. Values(m.Input), .. Values(m.Output), .. Values(m.Tree)];
    }

    private static unsafe float[] Values(Storage.EmbeddingMatrix m) =>
        new Span<float>(m.Data, m.Rows * m.Stride).ToArray();

    /// <summary>The corpus encoded with the checkpoint's vocabulary (as --resume encodes it): a forged
    /// vocabulary that is accepted gets its own encoding.</summary>
    private PreparedCorpus Encoding(Vocabulary vocabulary)
    {
        string key = Key(vocabulary);
        if (!_encodings.TryGetValue(key, out var prepared)) _encodings[key] = prepared = Prepare(vocabulary);
        return prepared;
    }

    private static string Key(Vocabulary v)
    {
        var key = new StringBuilder();
        for (int i = 0; i < v.Count; i++)
            key.Append(Convert.ToHexString(v.GetWordBytes(i))).Append(' ').Append(v.GetCount(i)).Append(';');
        return key.ToString();
    }

    /// <summary>Resumes from every input; returns how many were refused, resumed to the reference, and (forged
    /// inputs only) resumed to another result.</summary>
    private (int Refused, int Same, int Other) Fuzz(string name, IEnumerable<(string What, byte[] Input)> inputs,
        bool forged)
    {
        int refused = 0, same = 0, other = 0, count = 0;
        var clock = Stopwatch.StartNew();
        foreach (var (what, input) in inputs)
        {
            count++;
            try
            {
                var values = Resume(input);
                if (values.AsSpan().SequenceEqual(_reference)) same++;
                else if (forged) other++;
                else Assert.Fail($"{name}: {what}: damage resumed to another result");
            }
            catch (FastW2VException e)
            {
                Assert.That(e.Message, Does.Not.Contain('\n'), $"{name}: {what}");
                refused++;
            }
            catch (Exception e) when (e is not AssertionException)
            {
                Assert.Fail($"{name}: {what} ended in {e.GetType().Name}: {e.Message}");
            }
        }
        TestContext.Out.WriteLine($"{name} ({_seedSummary}): {count:N0} inputs, {refused:N0} refused, "
            + $"{same:N0} resumed to the same result, {other:N0} to another, {clock.Elapsed.TotalSeconds:F1} s");
        return (refused, same, other);
    }

    /// <summary>Every offset before the matrices (magic, version, the framing, header, vocabulary and state), and in
    /// each matrix section its framing and <see cref="MatrixSamples"/> offsets spread over its payload.</summary>
    private List<int> Offsets(bool framing)
    {
        var sections = CheckpointImage.Sections(_seed);
        var offsets = new List<int>();
        for (int at = 0; at < sections[3].Start; at++) offsets.Add(at);
        foreach (var s in sections.Skip(3))
        {
            if (framing) offsets.AddRange(Enumerable.Range(s.Start, 16).Concat(Enumerable.Range(s.End - 8, 8)));
            for (int i = 0; i < MatrixSamples; i++)
                offsets.Add(s.Payload + 8 + (int)((long)(s.Length - 8) * i / MatrixSamples));
        }
        return offsets;
    }

    private IEnumerable<(string, byte[])> Changed(IEnumerable<int> offsets, bool seal)
    {
        foreach (int at in offsets)
            for (int c = 0; c < ByteChanges.Length; c++)
            {
                byte changed = ByteChanges[c](_seed[at]);
                if (changed == _seed[at]) continue;
                var input = (byte[])_seed.Clone();
                input[at] = changed;
                if (seal) CheckpointImage.Seal(input);
                yield return ($"byte {at} {_seed[at]:X2} → {changed:X2}", input);
            }
    }

    [Test]
    public void A_changed_byte_anywhere_is_refused_in_one_line()
    {
        var (refused, same, _) = Fuzz("changed byte", Changed(Offsets(framing: true), seal: false), forged: false);
        Assert.That(same, Is.Zero, "every byte is covered by a checksum, the magic or the version");
        Assert.That(refused, Is.GreaterThan(10_000));
    }

    [Test]
    public void A_cut_or_lengthened_checkpoint_is_refused_in_one_line()
    {
        var cuts = Offsets(framing: true).Append(_seed.Length - 1).Distinct().Order()
            .Select(n => ($"cut to {n} bytes", _seed[..n]));
        var longer = new[] { 1, 8, 4096 }.Select(n => ($"{n} bytes appended", (byte[])[.. _seed, .. new byte[n]]));
        var (refused, same, _) = Fuzz("cut or lengthened", cuts.Concat(longer), forged: false);
        Assert.That(same, Is.Zero);
        Assert.That(refused, Is.GreaterThan(5_000));
    }

    /// <summary>A byte of a section's payload changed and the checksum made right: header, vocabulary and state at
    /// every offset (the negative buffer at sampled entries), the matrices at sampled offsets.</summary>
    [Test]
    public void A_forged_byte_is_refused_in_one_line_or_resumes()
    {
        var fields = CheckpointImage.Fields(_seed);
        var skipped = fields.Where(f => !NegativeEntry(f).Sampled)
            .SelectMany(f => Enumerable.Range(f.Offset, f.Width)).ToHashSet();
        var payloads = CheckpointImage.Sections(_seed)
            .SelectMany(s => Enumerable.Range(s.Payload, s.Length)).ToHashSet();
        var offsets = Offsets(framing: false).Where(at => payloads.Contains(at) && !skipped.Contains(at));
        var (refused, _, _) = Fuzz("forged byte", Changed(offsets, seal: true), forged: true);
        Assert.That(refused, Is.GreaterThan(1_000));
    }

    /// <summary>Every field set to the extremes of its type (and strings' lengths and bytes to troublemakers),
    /// its section sealed again.</summary>
    [Test]
    public void A_forged_field_at_an_extreme_is_refused_in_one_line_or_resumes()
    {
        var inputs = CheckpointImage.Fields(_seed)
            .Where(f => f.Width > 0 && NegativeEntry(f).Sampled)
            .SelectMany(f => Extremes(f).Select(value =>
            {
                var input = (byte[])_seed.Clone();
                value.CopyTo(input.AsSpan(f.Offset, f.Width));
                CheckpointImage.Seal(input);
                return ($"{f.Section} {f.Name} = {Convert.ToHexString(value)}", input);
            }));
        var (refused, _, _) = Fuzz("forged field", inputs, forged: true);
        Assert.That(refused, Is.GreaterThan(200));
    }

    /// <summary>Whether a field is one of the 1,024 negative-buffer entries of a worker, and one of those tried
    /// (the first and last few and every 61st): they are all of one kind.</summary>
    private static (bool Entry, bool Sampled) NegativeEntry(CheckpointField f)
    {
        var match = System.Text.RegularExpressions.Regex.Match(f.Name, @"negative (\d+)$");
        if (!match.Success) return (false, true);
        int entry = int.Parse(match.Groups[1].Value);
        return (true, entry < 4 || entry >= NegativeStream.Size - 4 || entry % 61 == 0);
    }

    private static IEnumerable<byte[]> Extremes(CheckpointField f) => f.Kind switch
    {
        FieldKind.Single => new[] { 0f, -0.01f, float.NaN, float.PositiveInfinity, 1f, float.Epsilon }
            .Select(x => BitConverter.GetBytes(x)),
        FieldKind.Double => new[] { -1.0, double.NaN, double.NegativeInfinity, double.MaxValue }
            .Select(x => BitConverter.GetBytes(x)),
        FieldKind.Length or FieldKind.Bytes => new byte[] { 0x00, 0x7F, 0x80, 0xFF, (byte)' ' }
            .Select(b => Enumerable.Repeat(b, f.Width).ToArray()),
        _ when f.Width == 4 => new[] { 0, -1, 1, int.MaxValue, int.MinValue }.Select(x => BitConverter.GetBytes(x)),
        _ => new[] { 0L, -1L, 1L, int.MaxValue, long.MaxValue, long.MinValue }.Select(x => BitConverter.GetBytes(x)),
    };

    /// <summary>
    /// The whole command on a checkpoint fw2v itself wrote: `fw2v train --resume` on a damaged or forged copy exits 1
    /// with one error line (after the "Resuming:" line) and no internal error, or 0 with the vectors the undamaged
    /// copy resumes to. Sampled: a dozen changed bytes per section, cuts, and forged fields.
    /// </summary>
    [Test]
    public void Resume_through_the_cli_is_one_error_line_or_the_same_vectors()
    {
        using var temp = new TempFolder();
        string written = temp.File("run.ckpt"), output = temp.File("v.txt"), input = temp.File("input.ckpt");
        var first = Cli(["train", "-train", _corpus, "-output", output, "-size", "4", "-window", "2", "-min-count", "1",
            "-iter", "3", "-threads", "1", "-cbow", "0", "-q", "--cache", temp.Path, "--checkpoint", written]);
        Assert.That(first.Code, Is.Zero, first.Err);
        byte[] seed = File.ReadAllBytes(written);
        File.WriteAllBytes(input, seed);
        Assert.That(Cli(["train", "--resume", input]).Code, Is.Zero);
        byte[] reference = File.ReadAllBytes(output);

        var inputs = new List<(string, byte[])>();
        var rng = new Random(17);
        foreach (var s in CheckpointImage.Sections(seed))
            for (int i = 0; i < 12; i++)
            {
                var bytes = (byte[])seed.Clone();
                int at = s.Start + rng.Next(s.End - s.Start);
                bytes[at] ^= (byte)(1 << rng.Next(8));
                inputs.Add(($"{s.Name}: byte {at} changed", bytes));
            }
        for (int i = 0; i < 12; i++) inputs.Add(($"cut {i}", seed[..rng.Next(seed.Length)]));
        var fields = CheckpointImage.Fields(seed);
        foreach (var (name, value) in new[] { ("worker 0 epoch", -1L), ("worker 0 negative cursor", 5000L),
            ("worker 0 negative 7", -1L), ("corpus 0 ticks", long.MaxValue), ("word count", int.MaxValue) })
        {
            var bytes = (byte[])seed.Clone();
            var f = fields.First(x => x.Name == name);
            BitConverter.GetBytes(value).AsSpan(0, f.Width).CopyTo(bytes.AsSpan(f.Offset));
            CheckpointImage.Seal(bytes);
            inputs.Add(($"{name} forged to {value}", bytes));
        }

        var clock = Stopwatch.StartNew();
        int refused = 0;
        foreach (var (what, bytes) in inputs)
        {
            File.WriteAllBytes(input, bytes);
            File.Delete(output);
            var (code, _, err) = Cli(["train", "--resume", input]);
            if (code == 0)
            {
                Assert.That(File.ReadAllBytes(output), Is.EqualTo(reference), what);
                continue;
            }
            refused++;
            var lines = err.TrimEnd().Split('\n').Where(l => !l.StartsWith("Resuming:")).ToArray();
            Assert.That(code, Is.EqualTo(1), $"{what}: {err}");
            Assert.That(lines, Has.Length.EqualTo(1).And.All.StartsWith("fw2v: error: "), $"{what}: {err}");
            Assert.That(err, Does.Not.Contain("internal error"), what);
        }
        TestContext.Out.WriteLine($"fw2v train --resume: {inputs.Count} inputs, {refused} refused, "
            + $"{clock.Elapsed.TotalSeconds:F1} s");
        Assert.That(refused, Is.EqualTo(inputs.Count), "every input is damaged or forged out of range");
    }

    private static (int Code, string Out, string Err) Cli(string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        return (FastW2V.Cli.Cli.Run(args, output, error), output.ToString(), error.ToString());
    }
}
