using System.Diagnostics;

namespace FastW2V.Tests.Cli;

/// <summary>Runs the CLI in-process or under a shell, and checks its one-line failures (shared by the CLI tests).</summary>
internal static class CliHarness
{
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = FastW2V.Cli.Cli.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>
    /// Runs the CLI in-process with <paramref name="stdin"/> as standard input; stdout comes back as bytes,
    /// the command's text and what it wrote to "-" together, in order (as a pipe would carry them).
    /// </summary>
    public static (int Code, byte[] Out, string Err) RunPiped(byte[] stdin, params string[] args)
    {
        using var input = new MemoryStream(stdin);
        using var stdout = new MemoryStream();
        // Flushed at every write, so that text and the bytes written to "-" keep their order.
        var output = new StreamWriter(stdout, new System.Text.UTF8Encoding(false)) { AutoFlush = true };
        var error = new StringWriter();
        int code;
        using (FastW2V.Formats.StandardStreams.Redirect(input, stdout))
            code = FastW2V.Cli.Cli.Run(args, output, error);
        return (code, stdout.ToArray(), error.ToString());
    }

    /// <summary><see cref="RunPiped(byte[], string[])"/> with text in and text out.</summary>
    public static (int Code, string Out, string Err) RunPiped(string stdin, params string[] args)
    {
        var (code, output, err) = RunPiped(System.Text.Encoding.UTF8.GetBytes(stdin), args);
        return (code, System.Text.Encoding.UTF8.GetString(output), err);
    }

    /// <summary>Runs the CLI in-process as if started under the name <paramref name="program"/> (a link's).</summary>
    public static (int Code, string Out, string Err) RunAs(string? program, string input, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = FastW2V.Cli.Cli.Run(args, output, error, program, new StringReader(input));
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>Runs <paramref name="script"/> with <paramref name="shell"/> -c; FW2V stands for the CLI (dotnet fw2v.dll).</summary>
    public static (int Code, string Out, string Err) RunShell(string shell, string script)
    {
        string dll = typeof(FastW2V.Cli.Cli).Assembly.Location;
        var start = new ProcessStartInfo(shell, ["-c", script.Replace("FW2V", $"dotnet '{dll}'")])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var p = Process.Start(start)!;
        var output = p.StandardOutput.ReadToEndAsync();
        string err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output.Result, err);
    }

    /// <summary>Exit <paramref name="expected"/>, one line on stderr holding <paramref name="contains"/>, no internal error.</summary>
    public static void AssertOneLine(int code, string err, string contains, int expected = 1)
    {
        Assert.That(code, Is.EqualTo(expected), err);
        Assert.That(err.TrimEnd().Split('\n'), Has.Length.EqualTo(1), err);
        Assert.That(err, Does.Contain(contains));
        Assert.That(err, Does.Not.Contain("internal error"));
    }

    public static void AssertOneLine((int Code, string Out, string Err) result, string contains, int expected = 1) =>
        AssertOneLine(result.Code, result.Err, contains, expected);
}
