using FastW2V.Training;

namespace FastW2V;

/// <summary>A checkpoint to continue from: the command that started its run and where it ran.</summary>
public sealed class ResumePoint
{
    internal CheckpointFile File { get; }

    private ResumePoint(CheckpointFile file) => File = file;

    /// <summary>Where the checkpoint was read from.</summary>
    public string Path => File.Path;
    /// <summary>The arguments of the run's command (without the command's name).</summary>
    public IReadOnlyList<string> Arguments => File.Arguments;
    /// <summary>The working folder of the run: its relative paths are relative to it.</summary>
    public string WorkingDirectory => File.WorkingDirectory;

    /// <summary>Reads a checkpoint; a damaged or foreign file is a one-line <see cref="FastW2VException"/>.</summary>
    public static ResumePoint Read(string path)
    {
        var file = CheckpointFile.Read(path);
        if (!Directory.Exists(file.WorkingDirectory))
            throw new FastW2VException($"The checkpoint's working folder '{file.WorkingDirectory}' is gone: "
                + "its relative paths cannot be resolved.");
        return new ResumePoint(file);
    }
}
