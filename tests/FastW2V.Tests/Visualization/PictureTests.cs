using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using static FastW2V.Tests.Cli.CliHarness;

namespace FastW2V.Tests.Visualization;

/// <summary>
/// The pictures, rendered by a real SVG renderer (librsvg's rsvg-convert, which .ci/run installs) and
/// decoded here: each must draw something, not a blank page. And the projector files' shape.
/// </summary>
public class PictureTests
{
    private static string Vectors(TempFolder temp)
    {
        var (code, _, err) = Run("-train", TestData.RequireShared(TestData.Lee), "-output", temp.File("v.bin"), "-size", "20", "-iter", "3",
            "-min-count", "5", "-threads", "2", "-cbow", "0", "-debug", "0");
        Assert.That(code, Is.Zero, err);
        return temp.File("v.bin");
    }

    /// <summary>Renders the SVG and returns the share of pixels that are not white.</summary>
    private static double InkedShare(string svg, string png)
    {
        ProcessStartInfo start = new("rsvg-convert", [svg, "-o", png]) { RedirectStandardError = true };
        Process p;
        try { p = Process.Start(start)!; }
        catch (System.ComponentModel.Win32Exception) { Assert.Ignore("rsvg-convert (librsvg2-bin) is not installed."); throw; }
        string err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.That(p.ExitCode, Is.Zero, err);
        var (width, height, channels, pixels) = DecodePng(File.ReadAllBytes(png));
        long inked = 0;
        for (int i = 0; i < pixels.Length; i += channels)
            if ((channels == 3 || pixels[i + 3] > 0) && (pixels[i] < 230 || pixels[i + 1] < 230 || pixels[i + 2] < 230)) inked++;
        return (double)inked / ((long)width * height);
    }

    /// <summary>An 8-bit RGB or RGBA, non-interlaced PNG (what rsvg-convert writes) to its pixel bytes.</summary>
    private static (int Width, int Height, int Channels, byte[] Pixels) DecodePng(byte[] file)
    {
        int width = 0, height = 0, channels = 0;
        using var idat = new MemoryStream();
        for (int at = 8; at < file.Length;)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(at));
            string type = System.Text.Encoding.ASCII.GetString(file, at + 4, 4);
            var data = file.AsSpan(at + 8, length);
            if (type == "IHDR")
            {
                (width, height) = (BinaryPrimitives.ReadInt32BigEndian(data), BinaryPrimitives.ReadInt32BigEndian(data[4..]));
                Assert.That(data[8], Is.EqualTo(8), "8 bits per channel");
                Assert.That(data[9], Is.EqualTo(2).Or.EqualTo(6), "RGB or RGBA");
                Assert.That(data[12], Is.Zero, "not interlaced");
                channels = data[9] == 6 ? 4 : 3;
            }
            if (type == "IDAT") idat.Write(data);
            at += 12 + length;
        }
        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var z = new ZLibStream(idat, CompressionMode.Decompress)) z.CopyTo(inflated);
        byte[] raw = inflated.ToArray();
        int stride = width * channels;
        var pixels = new byte[height * stride];
        for (int y = 0; y < height; y++)
        {
            byte filter = raw[y * (stride + 1)];
            for (int x = 0; x < stride; x++)
            {
                int a = x >= channels ? pixels[y * stride + x - channels] : 0, b = y > 0 ? pixels[(y - 1) * stride + x] : 0;
                int c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels] : 0;
                int pa = Math.Abs(b - c), pb = Math.Abs(a - c), pc = Math.Abs(a + b - 2 * c);
                int predictor = filter switch { 0 => 0, 1 => a, 2 => b, 3 => (a + b) / 2, _ => pa <= pb && pa <= pc ? a : pb <= pc ? b : c };
                pixels[y * stride + x] = (byte)(raw[y * (stride + 1) + 1 + x] + predictor);
            }
        }
        return (width, height, channels, pixels);
    }

    [Test]
    public void The_word_map_draws_the_words_and_their_neighbours()
    {
        using var temp = new TempFolder();
        string vectors = Vectors(temp);
        var (code, _, err) = Run("plot", vectors, "government", "police", "-k", "6", "-o", temp.File("map.svg"));
        Assert.That(code, Is.Zero, err);
        string svg = File.ReadAllText(temp.File("map.svg"));
        Assert.That(svg.Split("<circle").Length - 1, Is.InRange(8, 14), "two words and up to six neighbours each");
        Assert.That(InkedShare(temp.File("map.svg"), temp.File("map.png")), Is.GreaterThan(0.002));
        AssertOneLine(Run("plot", vectors, "government", "nosuchwordxyz", "-o", temp.File("bad.svg")), "out of vocabulary: nosuchwordxyz");
    }

    [Test]
    public void The_loss_curve_is_drawn_from_a_json_run_and_from_progress_lines()
    {
        using var temp = new TempFolder();
        var (code, output, err) = Run("-train", TestData.RequireShared(TestData.Lee), "-output", temp.File("v.bin"), "-size", "10", "-iter", "4",
            "-min-count", "5", "-threads", "2", "--json", "-debug", "0");
        Assert.That(code, Is.Zero, err);
        string run = temp.Write("run.json", output);
        (code, _, err) = Run("plot-loss", run, "-o", temp.File("loss.svg"));
        Assert.That(code, Is.Zero, err);
        Assert.That(File.ReadAllText(temp.File("loss.svg")).Split("<circle").Length - 1, Is.EqualTo(4), "one point per epoch");
        Assert.That(InkedShare(temp.File("loss.svg"), temp.File("loss.png")), Is.GreaterThan(0.002));

        string progress = temp.Write("progress.log", "summary line\n{\"progress\":0.25,\"loss\":3.1}\n{\"progress\":0.5,\"loss\":2.9}\n{\"progress\":1,\"loss\":2.7}\n");
        (code, _, err) = Run("plot-loss", progress, "-o", temp.File("loss2.svg"));
        Assert.That(code, Is.Zero, err);
        Assert.That(File.ReadAllText(temp.File("loss2.svg")).Split("<circle").Length - 1, Is.EqualTo(3));
        AssertOneLine(Run("plot-loss", temp.Write("empty.log", "nothing here\n"), "-o", temp.File("x.svg")), "holds no loss");
    }

    [Test]
    public void The_projector_export_writes_matching_vector_and_metadata_files()
    {
        using var temp = new TempFolder();
        string vectors = Vectors(temp);
        var (code, _, err) = Run("export", "projector", vectors, temp.File("proj"), "--limit", "100");
        Assert.That(code, Is.Zero, err);
        var rows = File.ReadAllLines(Path.Combine(temp.File("proj"), "vectors.tsv"));
        var words = File.ReadAllLines(Path.Combine(temp.File("proj"), "metadata.tsv"));
        Assert.That(rows, Has.Length.EqualTo(100));
        Assert.That(words, Has.Length.EqualTo(100));
        Assert.That(words[0], Is.EqualTo("</s>"));
        Assert.That(rows.Select(r => r.Split('\t').Length), Has.All.EqualTo(20));
    }
}
