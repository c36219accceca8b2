namespace FastW2V.Evaluation;

/// <summary>Spearman's ρ between cosine and human scores for one file, with the pairs used, out of vocabulary, in all,
/// and malformed lines.</summary>
public sealed record SimilarityScore(string Name, double Spearman, int Used, int OutOfVocabulary, int Total,
    int MalformedLines);
