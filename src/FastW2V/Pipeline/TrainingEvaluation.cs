using FastW2V.Evaluation;

namespace FastW2V;

/// <summary>An evaluation made during or after training: an analogy report, word-similarity scores, or both.</summary>
/// <param name="When">"Epoch N" or "Final".</param>
/// <param name="Analogy">Analogy accuracy (compute-accuracy protocol), when questions were given.</param>
/// <param name="Similarity">Spearman's ρ per pair file, when pair files were given.</param>
public sealed record TrainingEvaluation(string When, AnalogyReport? Analogy,
    IReadOnlyList<SimilarityScore>? Similarity);
