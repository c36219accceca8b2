namespace FastW2V.Training;

/// <summary>Where one matrix section of a checkpoint starts (at its length) and the shape it declares.</summary>
internal sealed record CheckpointMatrix(string Name, long Offset, int Rows, int Columns);
