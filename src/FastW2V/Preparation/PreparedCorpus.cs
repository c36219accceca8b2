using FastW2V.Corpus;
using FastW2V.Vocabularies;

namespace FastW2V.Preparation;

/// <summary>The vocabulary, the encoded corpus (when asked for) and what it took to make them.</summary>
internal sealed class PreparedCorpus : IDisposable
{
    public required Vocabulary Vocabulary { get; init; }
    public EncodedCorpus? Encoded { get; init; }
    public long InputBytes { get; init; }
    public int Shards { get; init; }
    /// <summary>Tokenising and counting (and writing provisional ids when encoding).</summary>
    public TimeSpan CountTime { get; init; }
    /// <summary>The part of <see cref="CountTime"/> spent merging the shard tables and sorting.</summary>
    public TimeSpan MergeTime { get; init; }
    /// <summary>Turning provisional ids into final ids (or encoding against a given vocabulary).</summary>
    public TimeSpan EncodeTime { get; init; }
    public void Dispose() => Encoded?.Dispose();
}
