namespace FastW2V.Tests;

/// <summary>Paths to the shared data (../shared/data beside the repository) and scratch folders.</summary>
internal static class TestData
{
    public static string RepoRoot { get; } = FindRoot();
    public static string Shared => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "data"));
    public static string Lee => Path.Combine(Shared, "small", "lee_background.cor");
    public static string Questions => Path.Combine(Shared, "eval", "questions-words.txt");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "FastW2V.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("FastW2V.sln not found above the test folder.");
    }

    public static string RequireShared(string path)
    {
        if (!File.Exists(path) && !Directory.Exists(path)) Assert.Fail($"Shared test data missing: {path} (tests read ../shared/data beside the repo).");
        return path;
    }
}

/// <summary>A temporary folder deleted at dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("fw2v-test-").FullName;
    public string File(string name) => System.IO.Path.Combine(Path, name);
    public string Write(string name, string text) { System.IO.File.WriteAllText(File(name), text); return File(name); }
    public string Write(string name, byte[] bytes) { System.IO.File.WriteAllBytes(File(name), bytes); return File(name); }
    public void Dispose() { try { Directory.Delete(Path, true); } catch (IOException) { } }
}
