namespace FastW2V;

/// <summary>The corpus a benchmark ran on, counted and encoded once before the runs.</summary>
public sealed record ThroughputCorpus(string Path, long Words, int Vocabulary, TimeSpan PrepareTime);
