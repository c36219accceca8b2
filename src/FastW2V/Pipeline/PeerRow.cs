namespace FastW2V;

/// <summary>One trainer's figures on the shared job: the median of its whole-process runs.</summary>
/// <param name="Ratio">fw2v's words/s against this trainer's (1 for fw2v itself).</param>
public sealed record PeerRow(string Name, double Seconds, double WordsPerSecond, double WordsPerSecondPerThread,
    double Ratio);
