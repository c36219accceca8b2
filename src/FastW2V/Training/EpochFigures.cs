
namespace FastW2V.Training;

/// <summary>One epoch: its number (1-based), mean loss per example, and its wall time.</summary>
public sealed record EpochFigures(int Epoch, double Loss, TimeSpan Time);
