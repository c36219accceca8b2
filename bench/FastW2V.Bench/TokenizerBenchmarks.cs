using BenchmarkDotNet.Attributes;
using FastW2V.Corpus;
using FastW2V.Kernels;

namespace FastW2V.Bench;

/// <summary>The vectorised word scanner alone (counting words), per SIMD path, on 16 MB of real text.</summary>
[MemoryDiagnoser]
public unsafe class TokenizerBenchmarks
{
    private byte[] _text = [];

    [Params(InstructionSet.Scalar, InstructionSet.V256, InstructionSet.V512)]
    public InstructionSet Path { get; set; }

    [GlobalSetup]
    public void Setup() => _text = BenchData.CorpusPrefix(16 << 20);

    private struct CountSink : ITokenSink
    {
        public long Words, Bytes;
        public void Word(byte* start, int length) { Words++; Bytes += length; }
        public void SentenceEnd() => Words++;
    }

    [Benchmark]
    public long Scan16MB()
    {
        var sink = new CountSink();
        fixed (byte* p = _text) WordScanner.Scan(p, _text.Length, ref sink, Path);
        return sink.Words + sink.Bytes;
    }
}
