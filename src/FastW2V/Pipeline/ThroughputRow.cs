namespace FastW2V;

/// <summary>One thread count's figures: the median of its runs.</summary>
/// <param name="Scaling">Words/s per thread against the first thread count's.</param>
public sealed record ThroughputRow(int Threads, double Seconds, double WordsPerSecond, double WordsPerSecondPerThread,
    double Scaling, double PeakMegabytes);
