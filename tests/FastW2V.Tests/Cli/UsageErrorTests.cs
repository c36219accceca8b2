using static FastW2V.Tests.Cli.CliHarness;

namespace FastW2V.Tests.Cli;

/// <summary>
/// A mistyped command line gets one line in the user's words: the nearest known name ("did you mean"), and
/// what an option takes rather than a .NET type.
/// </summary>
public class UsageErrorTests
{
    private static void AssertUsage(string expected, params string[] args)
    {
        var (code, _, err) = Run(args);
        AssertOneLine(code, err, expected, expected: 2);
        Assert.That(err, Does.Not.Contain("System.").And.Not.Contain("expected type"));
    }

    [TestCase("Unrecognized option '--sise'; did you mean '--size'?", "train", "--sise", "5")]
    [TestCase("Unrecognized option '-sze'; did you mean '-size'?", "train", "-sze", "5")]
    [TestCase("Unrecognized option '--min_count'; did you mean '--min-count'?", "train", "--min_count", "5")]
    [TestCase("Unrecognized option '--restrikt'; did you mean '--restrict'?", "eval", "analogy", "v", "q",
        "--restrikt", "5")]
    [TestCase("Unrecognized option '--jsn'; did you mean '--json'?", "eval", "similarity", "v", "f", "--jsn")]
    [TestCase("Unrecognized option '-trian'; did you mean '-train'?", "-trian", "text.txt", "-output", "v.bin")]
    public void An_unknown_option_suggests_the_nearest(string expected, params string[] args) =>
        AssertUsage(expected, args);

    [Test]
    public void An_unknown_option_far_from_every_name_suggests_nothing()
    {
        var (code, _, err) = Run("train", "--completely-different", "5");
        AssertOneLine(code, err, "Unrecognized option '--completely-different'", expected: 2);
        Assert.That(err, Does.Not.Contain("did you mean"));
    }

    [TestCase("unknown command 'trian'; did you mean 'train'?", "trian", "-train", "x")]
    [TestCase("unknown command 'nm'; did you mean 'nn'?", "nm", "v.bin", "king")]
    [TestCase("unknown command 'covnert'; did you mean 'convert'?", "covnert", "a", "b")]
    [TestCase("unknown command 'analogi'; did you mean 'analogy'?", "eval", "analogi", "v", "q")]
    [TestCase("unknown command 'projecter'; did you mean 'projector'?", "export", "projecter", "v", "d")]
    public void An_unknown_command_suggests_the_nearest(string expected, params string[] args) =>
        AssertUsage(expected, args);

    [TestCase("-size takes a whole number (got 'abc')", "train", "-size", "abc")]
    [TestCase("--iter takes a whole number (got '2.5')", "train", "--iter", "2.5")]
    [TestCase("--min-count takes a whole number (got 'many')", "train", "--min-count", "many")]
    [TestCase("--alpha takes a number (got 'x')", "train", "--alpha", "x")]
    [TestCase("-sample takes a number (got '1e-3x')", "train", "-sample", "1e-3x")]
    [TestCase("--threshold takes a number (got 'high')", "phrases", "-train", "t", "-o", "o", "--threshold", "high")]
    [TestCase("--seed takes a whole number from 0 to", "train", "--seed", "-1")]
    [TestCase("--seed takes a whole number (0 or more) (got 'x')", "train", "--seed", "x")]
    [TestCase("-size takes a whole number from -2,147,483,648 to 2,147,483,647", "train", "-size", "99999999999")]
    [TestCase("--neg-sampler takes Table or Alias (got 'foo')", "train", "--neg-sampler", "foo")]
    [TestCase("--method takes Add or Mul (got 'div')", "eval", "analogy", "v", "q", "--method", "div")]
    [TestCase("-cbow takes 0 or 1 (got 'yes')", "train", "-cbow", "yes")]
    [TestCase("-binary takes 0 or 1 (got '2')", "train", "-binary", "2")]
    [TestCase("--progress takes json or text (got 'xml')", "train", "--progress", "xml")]
    [TestCase("-k takes a whole number (got 'ten')", "nn", "v", "king", "-k", "ten")]
    [TestCase("<classes> takes a whole number (got 'ten')", "classes", "v", "ten", "-o", "c.txt")]
    [TestCase("-size needs a whole number", "train", "-size")]
    public void A_wrong_value_says_what_the_option_takes(string expected, params string[] args) =>
        AssertUsage(expected, args);
}
