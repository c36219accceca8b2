using BenchmarkDotNet.Attributes;
using FastW2V.Corpus;
using FastW2V.Vocabularies;
using FastW2V.Preparation;

namespace FastW2V.Bench;

/// <summary>The vocabulary hash table: count the words of 16 MB of real text (scan + hash + probe).</summary>
[MemoryDiagnoser]
public unsafe class VocabularyHashBenchmarks
{
    private byte[] _text = [];
    private (int Start, int Length)[] _words = [];

    [GlobalSetup]
    public void Setup()
    {
        _text = BenchData.CorpusPrefix(16 << 20);
        var words = new List<(int, int)>();
        int i = 0;
        while (i < _text.Length)
        {
            while (i < _text.Length && _text[i] == ' ') i++;
            int s = i;
            while (i < _text.Length && _text[i] != ' ') i++;
            if (i > s) words.Add((s, i - s));
        }
        _words = [.. words];
    }

    [Benchmark(Description = "WordHash.Hash, all words")]
    public ulong HashOnly()
    {
        ulong x = 0;
        fixed (byte* p = _text)
            foreach (var (s, n) in _words) x ^= WordHash.Hash(p + s, n);
        return x;
    }

    [Benchmark(Description = "WordCountTable.AddOne, all words")]
    public int CountTable()
    {
        var table = new WordCountTable(1 << 16);
        fixed (byte* p = _text)
            foreach (var (s, n) in _words) table.AddOne(p + s, n, readable16: s + 16 <= _text.Length);
        return table.Count;
    }

    [Benchmark(Description = "Scan + count (one shard, as `fw2v vocab` does)")]
    public int ScanAndCount()
    {
        var sink = new CountingSink(WordCountTable.StartingWithSentenceEnd(), null, int.MaxValue, prune: true);
        fixed (byte* p = _text)
        {
            sink.SafeEnd = p + _text.Length - 16;
            WordScanner.Scan(p, _text.Length, ref sink);
        }
        return sink.Table.Count;
    }
}
