namespace FastW2V.Phrases;

/// <summary>
/// word2phrase's second pass over one range of the text: each word is written after "_" when it joins
/// the previous word, else after " " (so every line starts with a space, as word2phrase's do), and each
/// newline as is.
/// <para>
/// Why a range can be done on its own: whether word t joins depends only on the words t−1 and t and on
/// whether t−1 joined (word2phrase zeroes count(a) after a join). Where the answer is the same either way
/// (no join possible: an unknown word, a newline between, a low score) the chain is cut, so a range starts
/// a little earlier, in "look-back" mode, and writes nothing until it reaches its own start with a known
/// state (<see cref="Synchronized"/>).
/// </para>
/// </summary>
internal sealed unsafe class PhraseJoiner(PhraseVocabulary vocabulary)
{
    private enum State { Unknown, NotJoined, Joined }

    private readonly PairBatch _batch = new();
    private State _state;
    private bool _startOfFile, _lineBreak;
    private long _previousCount;

    public PhraseOutput? Output { get; set; }
    /// <summary>Words joined to the previous one (written so far).</summary>
    public long Joined { get; private set; }
    /// <summary>The state is known (after <see cref="Flush"/>): what follows can be written.</summary>
    public bool Synchronized => _state != State.Unknown || (_startOfFile && !_batch.Pair.HasPrevious);

    /// <summary>Starts at a word boundary: the file's start, or a point whose past is unknown.</summary>
    public void Begin(bool startOfFile)
    {
        _batch.Clear();
        _batch.Pair.Clear();
        _state = State.Unknown;
        _startOfFile = startOfFile;
        _lineBreak = false;
        Output = null;
    }

    public void Word(ReadOnlySpan<byte> word)
    {
        _batch.AddWord(word, vocabulary.Table);
        if (_batch.IsFull) Flush();
    }

    public void Newline()
    {
        _batch.AddNewline();
        if (_batch.IsFull) Flush();
    }

    /// <summary>Decides (and writes, with an <see cref="Output"/>) the batched words.</summary>
    public void Flush()
    {
        for (int i = 0; i < _batch.Count; i++)
        {
            ref var item = ref _batch[i];
            if (item.Newline)
            {
                Output?.Newline();
                _lineBreak = true;
                continue;
            }
            long countB = vocabulary.Table.CountOfHashed(_batch.WordKey(i), item.WordLength, item.WordHash,
                item.WordA, item.WordB);
            State next;
            if (item.PairLength == 0)
            {
                // word2phrase: no previous word in the vocabulary (li == -1), so no join.
                next = _startOfFile ? State.NotJoined : State.Unknown;
            }
            else
            {
                bool ifNotJoined = false, ifJoined = false;
                if (!_lineBreak && _previousCount >= 0 && countB >= 0)
                {
                    long countAB = vocabulary.Table.CountOfHashed(_batch.PairKey(i), item.PairLength, item.PairHash,
                        item.PairA, item.PairB);
                    if (countAB >= 0)
                    {
                        ifNotJoined = vocabulary.Joins(_previousCount, countB, countAB);
                        ifJoined = vocabulary.Joins(0, countB, countAB);
                    }
                }
                next = _state switch
                {
                    State.NotJoined => ifNotJoined ? State.Joined : State.NotJoined,
                    State.Joined => ifJoined ? State.Joined : State.NotJoined,
                    _ => ifNotJoined == ifJoined ? (ifNotJoined ? State.Joined : State.NotJoined) : State.Unknown,
                };
            }
            _state = next;
            if (Output is { } output)
            {
                if (next == State.Unknown)
                    throw new InvalidOperationException("A phrase range was written before its state was known.");
                output.Word(next == State.Joined ? (byte)'_' : (byte)' ', _batch.WordKey(i), item.WordLength);
                if (next == State.Joined) Joined++;
            }
            _previousCount = countB;
            _lineBreak = false;
        }
        _batch.Clear();
    }

    public struct Sink(PhraseJoiner joiner) : IPhraseTokenSink
    {
        public readonly void Word(ReadOnlySpan<byte> word) => joiner.Word(word);
        public readonly void Newline() => joiner.Newline();
    }
}
