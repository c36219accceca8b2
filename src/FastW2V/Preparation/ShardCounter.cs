using FastW2V.Corpus;
using FastW2V.Vocabularies;

namespace FastW2V.Preparation;


/// <summary>One shard's counting (or, with a given vocabulary, encoding) state.</summary>
internal sealed unsafe class ShardCounter
{
    private readonly TokenIdWriter? _ids;
    private readonly Vocabulary? _given;
    private readonly bool _checkUtf8;
    public CountingSink Sink;
    /// <summary>With a given vocabulary: the shard's tokens it holds (sentence ends not counted).</summary>
    public long WordsFound { get; private set; }
    public string? IdPath { get; }
    /// <summary>Bytes of text this shard has read (a set of files' shards add theirs up).</summary>
    public long BytesRead { get; set; }

    /// <param name="budget">Parallel exact counting (give up past the threshold or the budget); null:
    /// the one sequential pass, which prunes as word2vec.c does.</param>
    public ShardCounter(PreparationOptions options, string? folder, int shard, DistinctWordBudget? budget,
        long textBytes)
    {
        _given = options.GivenVocabulary;
        _checkUtf8 = options.CheckUtf8;
        if (folder != null)
        {
            IdPath = Path.Combine(folder, $"shard-{shard:D3}.ids");
            _ids = new TokenIdWriter(IdPath);
        }
        // Encoding against a given vocabulary counts nothing: a minimal table.
        var table = WordCountTable.StartingWithSentenceEnd(_given != null ? 16 : ExpectedWords(textBytes));
        Sink = new CountingSink(table, _ids, options.Vocabulary.PruneThreshold, prune: budget == null, budget);
    }

    /// <summary>A first size for the table, so it rarely grows (each growth moves every slot): one
    /// entry per 256 bytes of text, a little more than English text brings new words.</summary>
    private static int ExpectedWords(long textBytes) => (int)Math.Clamp(textBytes / 256, 1 << 12, 1 << 21);

    public void Process(byte* text, long length, long offset, string name)
    {
        TextValidation.Check(text, length, offset, name, _checkUtf8);
        if (_given != null)
        {
            if (_ids == null) return; // a given vocabulary and nothing to encode: the text is only validated
            var lookup = new LookupSink(_given, _ids!) { SafeEnd = text + length - 16 };
            WordScanner.Scan(text, length, ref lookup);
            WordsFound += lookup.Found;
        }
        else
        {
            Sink.SafeEnd = text + length - 16;
            WordScanner.Scan(text, length, ref Sink);
        }
    }

    public void Complete() => _ids?.Dispose();

    /// <summary>Closes and deletes the id file of a count that was given up.</summary>
    public void Abandon()
    {
        try { _ids?.Dispose(); }
        catch (IOException) { } // (a full disk: the file goes anyway)
        if (IdPath != null) File.Delete(IdPath);
        Sink.Table.Dispose();
    }

    /// <summary>The numberings of this shard's id file, ending with the map to final ids.</summary>
    public List<(long End, int[] Map)> Numberings(int[] finalMap)
    {
        // Ids written before prune k are in numbering k; compose maps from the last numbering back.
        var prunes = Sink.Prunes;
        var result = new (long End, int[] Map)[prunes.Count + 1];
        result[prunes.Count] = (_ids!.Position, finalMap);
        int[] later = finalMap;
        for (int k = prunes.Count - 1; k >= 0; k--)
        {
            int[] step = prunes[k].Map;
            var composed = new int[step.Length];
            for (int i = 0; i < step.Length; i++) composed[i] = step[i] < 0 ? -1 : later[step[i]];
            result[k] = (prunes[k].End, composed);
            later = composed;
        }
        return [.. result];
    }
}
