namespace FastW2V.Evaluation;

/// <summary>One pair of a word-similarity set and its human score.</summary>
public readonly record struct SimilarityPair(string First, string Second, double Score);
