namespace FastW2V.Corpus;

/// <summary>
/// Receives tokens from <see cref="WordScanner"/>. Implemented by structs so the scanner's generic
/// instantiation inlines the calls: no virtual call per word.
/// </summary>
internal unsafe interface ITokenSink
{
    /// <summary>A word, already truncated to <see cref="Tokenization.MaxWordBytes"/> bytes.</summary>
    void Word(byte* start, int length);

    /// <summary>A newline: the end of a sentence, the token &lt;/s&gt;.</summary>
    void SentenceEnd();
}
