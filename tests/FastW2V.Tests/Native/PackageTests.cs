using System.Diagnostics;

namespace FastW2V.Tests.Native;

/// <summary>
/// The NuGet package as a user gets it: `dotnet pack` of the library into a local feed, then
/// samples/PackageConsumer (a standalone project) restored from that feed, built and run on the Lee
/// corpus through the public API (train with progress, query, save, load).
/// </summary>
[NonParallelizable]
public class PackageTests
{
    internal static (int Code, string Output) Run(string program, string[] args, string folder)
    {
        var start = new ProcessStartInfo(program, args) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(start)!;
        var output = p.StandardOutput.ReadToEndAsync();
        string error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output.Result + error);
    }

    [Test]
    public void The_packed_library_is_consumed_by_the_sample_project()
    {
        using var temp = new TempFolder();
        string feed = temp.File("feed"), sample = temp.File("sample");
        // A version of its own: a package restored before under the same version would be taken from the cache.
        string version = $"0.15.0-test{DateTime.UtcNow:yyyyMMddHHmmssfff}";
        var (code, output) = Run("dotnet", ["pack", Path.Combine(TestData.RepoRoot, "src", "FastW2V"), "-c", "Release", "-o", feed, "-nologo", "-v", "q", $"-p:Version={version}"], TestData.RepoRoot);
        Assert.That(code, Is.Zero, output);
        Assert.That(File.Exists(Path.Combine(feed, $"FastW2V.{version}.nupkg")), Is.True, output);

        Directory.CreateDirectory(sample);
        foreach (string file in Directory.GetFiles(Path.Combine(TestData.RepoRoot, "samples", "PackageConsumer")))
            File.Copy(file, Path.Combine(sample, Path.GetFileName(file)));
        File.WriteAllText(Path.Combine(sample, "nuget.config"),
            $"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration><packageSources><add key=\"fastw2v-local\" value=\"{feed}\" /></packageSources></configuration>\n");
        (code, output) = Run("dotnet", ["build", "-c", "Release", $"-p:FastW2VVersion={version}", "--packages", temp.File("packages"), "-nologo", "-v", "q"], sample);
        Assert.That(code, Is.Zero, output);
        (code, output) = Run("dotnet", [Path.Combine(sample, "bin", "Release", "net9.0", "PackageConsumer.dll"), TestData.RequireShared(TestData.Lee), temp.File("v.bin")], sample);
        Assert.That(code, Is.Zero, output);
        Assert.That(output, Does.Contain("trained").And.Contain("round trip ok").And.Contain("job: "));
        Assert.That(File.Exists(Path.Combine(temp.File("packages"), "fastw2v", version, "lib", "net9.0", "FastW2V.xml")), Is.True, "the package carries the XML docs");
    }
}
