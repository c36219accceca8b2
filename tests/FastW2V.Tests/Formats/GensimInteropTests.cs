using System.Diagnostics;
using System.Globalization;
using FastW2V.Formats;

namespace FastW2V.Tests.Formats;

/// <summary>
/// Real interoperability: gensim (Debian's python3-gensim, installed by .ci/run) loads the files we
/// write, and we load the files gensim writes. Values are compared to the last bit.
/// </summary>
[Category("Interop")]
public class GensimInteropTests
{
    private static string Python()
    {
        const string debian = "/usr/bin/python3";
        string python = File.Exists(debian) ? debian : "python3";
        var (code, _, _) = Run(python, "-c \"import gensim\"");
        if (code != 0)
        {
            if (Environment.GetEnvironmentVariable("CI") == "true")
                Assert.Fail("gensim is missing: .ci/run should have installed python3-gensim.");
            Assert.Ignore("gensim not installed (apt-get install python3-gensim)");
        }
        return python;
    }

    private static (int Code, string Out, string Err) Run(string exe, string args)
    {
        var psi = new ProcessStartInfo(exe, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        string o = p.StandardOutput.ReadToEnd(), e = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, o, e);
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Gensim_loads_our_files_with_the_same_words_and_values(bool binary)
    {
        string python = Python();
        using var temp = new TempFolder();
        using var v = VectorFileTests.Sample(rows: 5, dim: 9);
        string path = temp.File(binary ? "v.bin" : "v.txt");
        VectorFileWriter.Write(path, v, binary);
        string script = temp.Write("load.py", $$"""
            import sys
            from gensim.models import KeyedVectors
            kv = KeyedVectors.load_word2vec_format(sys.argv[1], binary={{(binary ? "True" : "False")}})
            for w in kv.index_to_key:
                sys.stdout.buffer.write((w + " " + " ".join(repr(float(x)) for x in kv[w]) + "\n").encode("utf-8"))
            """);
        var (code, output, error) = Run(python, $"{script} {path}");
        Assert.That(code, Is.Zero, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(v.Count));
        for (int r = 0; r < v.Count; r++)
        {
            var parts = lines[r].Split(' ');
            Assert.That(parts[0], Is.EqualTo(v.GetWord(r)));
            var values = parts.Skip(1).Select(s => float.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            Assert.That(values, Is.EqualTo(v.Vectors.RowSpan(r).ToArray()), $"row {r}");
        }
    }

    [TestCase(false)]
    [TestCase(true)]
    public void We_load_files_gensim_writes(bool binary)
    {
        string python = Python();
        using var temp = new TempFolder();
        string path = temp.File("g");
        string script = temp.Write("save.py", $$"""
            import sys, numpy as np
            from gensim.models import KeyedVectors
            kv = KeyedVectors(vector_size=4)
            kv.add_vectors(["alpha", "béta", "gamma"], np.array([[1, -2.5, 3e-7, 4], [0.1, 0.2, 0.3, 0.4], [-1, 0, 1, 2]], dtype=np.float32))
            kv.save_word2vec_format(sys.argv[1], binary={{(binary ? "True" : "False")}})
            """);
        var (code, _, error) = Run(python, $"{script} {path}");
        Assert.That(code, Is.Zero, error);
        using var v = VectorFileReader.Read(path);
        Assert.That(Enumerable.Range(0, v.Count).Select(v.GetWord), Is.EqualTo(new[] { "alpha", "béta", "gamma" }));
        Assert.That(v.Vectors.RowSpan(0).ToArray(), Is.EqualTo(new[] { 1f, -2.5f, 3e-7f, 4f }));
        Assert.That(v.Vectors.RowSpan(2).ToArray(), Is.EqualTo(new[] { -1f, 0f, 1f, 2f }));
    }

    /// <summary>
    /// Spearman's ρ on a real pair file (WordSim-353) agrees with gensim's evaluate_word_pairs (scipy's
    /// spearmanr, case-insensitive lookup, out-of-vocabulary pairs skipped) on vectors trained here.
    /// </summary>
    [Test]
    public void Word_similarity_agrees_with_gensim_evaluate_word_pairs()
    {
        string python = Python();
        using var temp = new TempFolder();
        string vectors = temp.File("lee.txt");
        var output = new StringWriter();
        int code = FastW2V.Cli.Cli.Run(["-train", TestData.RequireShared(TestData.Lee), "-output", vectors, "-size", "24", "-iter", "3",
            "-min-count", "2", "-threads", "1", "--quiet"], output, output);
        Assert.That(code, Is.Zero, output.ToString());
        string pairsPath = TestData.RequireShared(Path.Combine(TestData.Shared, "eval", "wordsim353.tsv"));
        string script = temp.Write("sim.py", """
            import sys
            from gensim.models import KeyedVectors
            kv = KeyedVectors.load_word2vec_format(sys.argv[1], binary=False)
            pearson, spearman, oov = kv.evaluate_word_pairs(sys.argv[2], restrict_vocab=10**9, case_insensitive=True)
            print(repr(float(spearman[0])), repr(float(oov)))
            """);
        var (exit, stdout, stderr) = Run(python, $"{script} {vectors} {pairsPath}");
        Assert.That(exit, Is.Zero, stderr);
        var parts = stdout.Trim().Split(' ');
        double gensimRho = double.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
        double gensimOovPercent = double.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);

        using var v = VectorFileReader.Read(vectors);
        var ours = FastW2V.Evaluation.SimilarityEvaluator.Evaluate(v, FastW2V.Evaluation.SimilarityPairs.Read(pairsPath));
        Assert.That(100.0 * ours.OutOfVocabulary / ours.Total, Is.EqualTo(gensimOovPercent).Within(1e-9));
        Assert.That(ours.Spearman, Is.EqualTo(gensimRho).Within(1e-4));
    }
}
