namespace FastW2V.Phrases;

/// <summary>What a <see cref="PhraseTokenizer"/> finds, in text order.</summary>
internal interface IPhraseTokenSink
{
    void Word(ReadOnlySpan<byte> word);
    void Newline();
}
