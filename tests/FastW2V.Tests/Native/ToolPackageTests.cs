namespace FastW2V.Tests.Native;

/// <summary>fw2v as a .NET tool: packed, installed into a tool path, and run.</summary>
public class ToolPackageTests
{
    private static (int Code, string Output) Run(string program, string[] args, string folder) =>
        PackageTests.Run(program, args, folder);

    [Test]
    public void The_packed_tool_installs_into_a_tool_path_and_trains()
    {
        using var temp = new TempFolder();
        string feed = temp.File("feed"), tools = temp.File("tools");
        var (code, output) = Run("bash", [Path.Combine(TestData.RepoRoot, "tools", "pack-tool.sh"), feed], TestData.RepoRoot);
        Assert.That(code, Is.Zero, output);
        (code, output) = Run("dotnet", ["tool", "install", "fw2v", "--tool-path", tools, "--add-source", feed], temp.Path);
        Assert.That(code, Is.Zero, output);
        string fw2v = Path.Combine(tools, "fw2v");
        (code, output) = Run(fw2v, ["--version"], temp.Path);
        Assert.That(code, Is.Zero, output);
        var props = System.Xml.Linq.XDocument.Load(Path.Combine(TestData.RepoRoot, "Directory.Build.props"));
        Assert.That(output.Trim(), Is.EqualTo(props.Descendants("Version").Single().Value));
        (code, output) = Run(fw2v, ["-train", TestData.RequireShared(TestData.Lee), "-output", temp.File("v.txt"),
            "-size", "16", "-iter", "1", "-threads", "2"], temp.Path);
        Assert.That(code, Is.Zero, output);
        Assert.That(File.ReadLines(temp.File("v.txt")).First(), Does.EndWith(" 16"));
    }
}
