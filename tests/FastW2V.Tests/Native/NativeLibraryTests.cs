using System.Diagnostics;

namespace FastW2V.Tests.Native;

/// <summary>
/// libfastw2v.so used from outside .NET: built with NativeAOT once for the fixture, then C programs compiled
/// with the system's gcc against include/fastw2v.h, and the Python binding run with the system's python3, each
/// training on the Lee corpus and querying the result (tests/native/test_fastw2v.c, bindings/python/
/// test_fastw2v.py), and each misusing every function (tests/native/test_misuse.c, built with AddressSanitizer
/// where gcc has it; the Python script's misuse checks). Skipped only where gcc or python3 is missing.
/// </summary>
[NonParallelizable]
public class NativeLibraryTests
{
    private TempFolder _temp = null!;
    private string _library = null!;

    private string LibraryFolder => Path.GetDirectoryName(_library)!;

    [OneTimeSetUp]
    public void BuildLibrary()
    {
        _temp = new TempFolder();
        string folder = _temp.File("native");
        var (code, output) = Run("bash",
            [Path.Combine(TestData.RepoRoot, "tools", "publish-native-lib.sh"), folder], TestData.RepoRoot);
        Assert.That(code, Is.Zero, output);
        _library = Path.Combine(folder, "libfastw2v.so");
        Assert.That(File.Exists(_library), Is.True, output);
    }

    [OneTimeTearDown]
    public void Clean() => _temp.Dispose();

    private static (int Code, string Output) Run(
        string program, string[] args, string folder, Dictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program, args)
        {
            WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true,
        };
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

    /// <summary>Compiles tests/native/<paramref name="source"/> against the header and the library.</summary>
    private string CompileC(string source, params string[] flags)
    {
        string exe = _temp.File(Path.GetFileNameWithoutExtension(source));
        string include = Path.Combine(TestData.RepoRoot, "include");
        var (code, output) = Run("gcc", ["-O1", .. flags, "-Wall", "-Werror", "-I", include,
            Path.Combine(TestData.RepoRoot, "tests", "native", source),
            "-L", LibraryFolder, "-lfastw2v", "-lpthread", "-lm", "-o", exe], _temp.Path);
        Assert.That(code, Is.Zero, output);
        return exe;
    }

    /// <summary>Whether gcc here builds and runs a program with -fsanitize=address.</summary>
    private bool AddressSanitizerWorks()
    {
        string source = _temp.Write("asan-probe.c", "#include <stdlib.h>\nint main(void) { free(malloc(8)); }\n");
        try
        {
            var (code, _) = Run("gcc", ["-fsanitize=address", source, "-o", _temp.File("asan-probe")], _temp.Path);
            return code == 0 && Run(_temp.File("asan-probe"), [], _temp.Path).Code == 0;
        }
        catch (System.ComponentModel.Win32Exception) { return false; }
    }

    private (int Code, string Output) RunC(string exe, string scratch) =>
        Run(exe, [TestData.RequireShared(TestData.Lee), scratch], _temp.Path, new()
        {
            ["LD_LIBRARY_PATH"] = LibraryFolder,
            // The .NET runtime's own allocations live as long as the process: leaks are measured by RSS instead.
            ["ASAN_OPTIONS"] = "detect_leaks=0",
        });

    [Test]
    public void A_C_program_trains_queries_saves_and_loads_through_the_header()
    {
        Require("gcc");
        var (code, output) = RunC(CompileC("test_fastw2v.c", "-O2"), _temp.Path);
        Assert.That(code, Is.Zero, output);
        Assert.That(output, Does.Contain("all C ABI checks passed"));
        TestContext.Out.WriteLine(output);
    }

    [Test]
    public void Every_C_function_misused_from_several_threads_returns_an_error_and_memory_stays_flat()
    {
        Require("gcc");
        bool sanitized = AddressSanitizerWorks();
        string exe = sanitized
            ? CompileC("test_misuse.c", "-fsanitize=address", "-fno-omit-frame-pointer", "-g")
            : CompileC("test_misuse.c");
        string scratch = _temp.File("misuse");
        Directory.CreateDirectory(scratch);
        var (code, output) = RunC(exe, scratch);
        Assert.That(code, Is.Zero, output);
        Assert.That(output, Does.Contain("all C ABI misuse checks passed"));
        TestContext.Out.WriteLine($"AddressSanitizer: {(sanitized ? "on" : "not available, canaries only")}");
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
        TestContext.Out.WriteLine(output);
    }
}
