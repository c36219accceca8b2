namespace FastW2V.Sampling;

/// <summary>How negatives are drawn from the unigram^0.75 distribution.</summary>
public enum NegativeSamplerKind
{
    /// <summary>word2vec.c's table: each word fills a share of a large array; a draw is one random index.</summary>
    Table,
    /// <summary>Walker/Vose alias table: one entry per word, small enough to stay in the L2 cache.</summary>
    Alias,
}
