using FastW2V.Corpus;
using FastW2V.Vocabularies;

namespace FastW2V.Preparation;

/// <summary>Encodes a shard against a fixed vocabulary (-read-vocab): unknown words are skipped.</summary>
internal unsafe struct LookupSink(Vocabulary vocabulary, TokenIdWriter ids) : ITokenSink
{
    public byte* SafeEnd;
    /// <summary>Words found in the vocabulary (sentence ends not counted).</summary>
    public long Found;

    public void Word(byte* start, int length)
    {
        int id = vocabulary.Find(start, length, start < SafeEnd);
        if (id < 0) return;
        ids.Append(id);
        Found++;
    }

    public void SentenceEnd() => ids.Append(0);
}
