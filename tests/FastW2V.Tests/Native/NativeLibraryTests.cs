using System.Diagnostics;

namespace FastW2V.Tests.Native;

/// <summary>
/// libfastw2v.so used from outside .NET: built with NativeAOT once for the fixture, then a C program
/// compiled with the system's gcc against include/fastw2v.h, and the Python binding run with the system's
/// python3, each training on the Lee corpus and querying the result (tests/native/test_fastw2v.c,
/// bindings/python/test_fastw2v.py). Skipped only where gcc or python3 is missing.
/// </summary>
[NonParallelizable]
public class NativeLibraryTests
{
    private TempFolder _temp = null!;
    private string _library = null!;

    [OneTimeSetUp]
    public void BuildLibrary()
    {
        _temp = new TempFolder();
        string folder = _temp.File("native");
        var (code, output) = Run("bash", [Path.Combine(TestData.RepoRoot, "tools", "publish-native-lib.sh"), folder], TestData.RepoRoot);
        Assert.That(code, Is.Zero, output);
        _library = Path.Combine(folder, "libfastw2v.so");
        Assert.That(File.Exists(_library), Is.True, output);
    }

    [OneTimeTearDown]
    public void Clean() => _temp.Dispose();

    private static (int Code, string Output) Run(string program, string[] args, string folder, Dictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program, args) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (k, v) in environment ?? []) start.Environment[k] = v;
        using var p = Process.Start(start)!;
        var output = p.StandardOutput.ReadToEndAsync();
        string error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output.Result + error);
    }

    private static void Require(string program)
    {
        try { Run(program, ["--version"], "."); }
        catch (System.ComponentModel.Win32Exception) { Assert.Ignore($"{program} is not installed."); }
    }

    [Test]
    public void A_C_program_trains_queries_saves_and_loads_through_the_header()
    {
        Require("gcc");
        string exe = _temp.File("test_fastw2v");
        var (code, output) = Run("gcc", ["-O2", "-Wall", "-Werror", "-I", Path.Combine(TestData.RepoRoot, "include"),
            Path.Combine(TestData.RepoRoot, "tests", "native", "test_fastw2v.c"), "-L", Path.GetDirectoryName(_library)!, "-lfastw2v", "-lm", "-o", exe], _temp.Path);
        Assert.That(code, Is.Zero, output);
        (code, output) = Run(exe, [TestData.RequireShared(TestData.Lee), _temp.Path], _temp.Path,
            new() { ["LD_LIBRARY_PATH"] = Path.GetDirectoryName(_library)! });
        Assert.That(code, Is.Zero, output);
        Assert.That(output, Does.Contain("all C ABI checks passed"));
        TestContext.Out.WriteLine(output);
    }

    [Test]
    public void The_python_binding_trains_with_progress_and_queries()
    {
        Require("python3");
        var (code, output) = Run("python3", ["test_fastw2v.py", TestData.RequireShared(TestData.Lee), _temp.Path],
            Path.Combine(TestData.RepoRoot, "bindings", "python"), new() { ["FASTW2V_LIB"] = _library });
        Assert.That(code, Is.Zero, output);
        Assert.That(output, Does.Contain("all Python binding checks passed"));
    }
}
