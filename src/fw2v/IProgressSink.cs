using System.Text.Json;
using FastW2V.Training;

namespace FastW2V.Cli;

/// <summary>
/// How training reports progress: <see cref="ProgressDisplay"/> for people, <see cref="JsonProgress"/> for pipelines.
/// </summary>
internal interface IProgressSink
{
    TimeSpan Interval { get; }
    void Show(TrainingSnapshot snapshot);
    void Note(string line);
    void Finish();
}
