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
}
