using FastW2V.Corpus;
using FastW2V.Vocabularies;

namespace FastW2V.Preparation;

/// <summary>What to do with a corpus before training.</summary>
internal sealed record PreparationOptions
{
    public int Threads { get; init; } = Environment.ProcessorCount;
    public VocabularyOptions Vocabulary { get; init; } = new();
    /// <summary>Also write the token-id files (needed for training; not for `fw2v vocab`).</summary>
    public bool Encode { get; init; }
    /// <summary>A fixed vocabulary (-read-vocab): the corpus is only encoded against it.</summary>
    public Vocabulary? GivenVocabulary { get; init; }
    /// <summary>Folder for the id files (default: the system temp folder).</summary>
    public string? CacheFolder { get; init; }
    public bool KeepCache { get; init; }
    public bool CheckUtf8 { get; init; } = true;
    public Action<string>? Log { get; init; }
    /// <summary>An MPI job (--mpi): this process counts and encodes only its rank's part of the file, and
    /// the vocabulary is merged across the ranks (the same as one process would count).</summary>
    public Distributed.MpiSession? Ranks { get; init; }
}
