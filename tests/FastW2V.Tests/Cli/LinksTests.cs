using System.Diagnostics;
using FastW2V.Cli;
using static FastW2V.Tests.Cli.CliHarness;

namespace FastW2V.Tests.Cli;

/// <summary><c>fw2v links DIR</c>: word2vec.c's program names as links to fw2v, which run as those programs.</summary>
public class LinksTests
{
    /// <summary>Runs <paramref name="program"/> as its own process (argv[0] is the link's path).</summary>
    private static (int Code, string Out, string Err) Start(string program, string input, params string[] args)
    {
        var start = new ProcessStartInfo(program, args)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var p = Process.Start(start)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        p.StandardInput.Write(input);
        p.StandardInput.Close();
        p.WaitForExit();
        return (p.ExitCode, output.Result, error.Result);
    }

    [Test]
    public void The_links_run_word2vec_c_s_programs()
    {
        using var temp = new TempFolder();
        string dir = Directory.CreateDirectory(temp.File("bin")).FullName;
        var (code, output, err) = Run("links", dir);
        Assert.That(code, Is.Zero, err);
        foreach (string name in ClassicArguments.DropIns)
        {
            var link = new FileInfo(Path.Combine(dir, name));
            Assert.That(link.LinkTarget, Is.Not.Null, name);
            Assert.That(Path.IsPathFullyQualified(link.LinkTarget!) && File.Exists(link.LinkTarget), link.LinkTarget);
            Assert.That(output, Does.Contain($"{link.FullName} -> {link.LinkTarget}\n"));
        }
        Assert.That(Run("links", dir).Code, Is.Zero, "links to fw2v are made again");

        string vectors = temp.Write("v.txt", "5 3\n</s> 1 2 3\nman 1 0 0\nwoman 1 1 0\nking 1 0 1\nqueen 1 1 1\n");
        var distance = Start(Path.Combine(dir, "distance"), "king\nEXIT\n", vectors);
        Assert.That(distance.Code, Is.Zero, distance.Err);
        Assert.That(distance.Out,
            Does.StartWith("Enter word or sentence (EXIT to break): \nWord: king  Position in vocabulary: 3\n"));
        var analogy = Start(Path.Combine(dir, "word-analogy"), "man woman king\nEXIT\n", vectors);
        Assert.That(analogy.Out, Does.Contain($"\n{"queen",50}\t\t"), analogy.Err);
        var accuracy = Start(Path.Combine(dir, "compute-accuracy"), ": family\nman woman king queen\n", vectors, "0");
        Assert.That(accuracy.Out, Does.EndWith("Questions seen / total: 1 1   100.00 % \n"), accuracy.Err);
        var phrases = Start(Path.Combine(dir, "word2phrase"), "", "-train", TestData.RequireShared(TestData.Lee),
            "-output", temp.File("phrases.txt"), "-threshold", "100", "-debug", "0");
        Assert.That(phrases.Code, Is.Zero, phrases.Err);
        Assert.That(File.ReadAllText(temp.File("phrases.txt")), Does.Contain("_"));
    }

    [Test]
    public void Nothing_but_a_link_to_fw2v_is_replaced()
    {
        using var temp = new TempFolder();
        string files = Directory.CreateDirectory(temp.File("files")).FullName;
        File.WriteAllText(Path.Combine(files, "distance"), "#!/bin/sh\n");
        AssertOneLine(Run("links", files), $"{Path.Combine(files, "distance")} exists and is not a link to fw2v");
        Assert.That(Directory.GetFileSystemEntries(files), Has.Length.EqualTo(1), "a refusal makes no link");
        Assert.That(File.ReadAllText(Path.Combine(files, "distance")), Is.EqualTo("#!/bin/sh\n"));

        string others = Directory.CreateDirectory(temp.File("others")).FullName;
        File.CreateSymbolicLink(Path.Combine(others, "word2vec"), temp.Write("word2vec-c", "#!/bin/sh\n"));
        AssertOneLine(Run("links", others), "is a link to");
        Assert.That(Directory.GetFileSystemEntries(others), Has.Length.EqualTo(1));

        // A link to an fw2v elsewhere (an older install, gone) is one of ours: it is replaced.
        string old = Directory.CreateDirectory(temp.File("old")).FullName;
        File.CreateSymbolicLink(Path.Combine(old, "distance"), temp.File("gone/fw2v"));
        var (code, _, err) = Run("links", old);
        Assert.That(code, Is.Zero, err);
        Assert.That(File.Exists(new FileInfo(Path.Combine(old, "distance")).LinkTarget), Is.True);

        AssertOneLine(Run("links", temp.File("missing")), "no such folder");
    }
}
