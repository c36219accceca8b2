namespace FastW2V.Corpus;

/// <summary>
/// Classifies a 64-byte block of text: one bit per byte for "separator" (space, tab, newline, CR) and
/// one for "newline". The scanner works on these masks, so the cost per word is a few bit operations
/// however short the words are (text8 words average 5 bytes, which makes IndexOfAny's per-call
/// overhead dominate). One implementation per instruction set, chosen by <see cref="Kernels.InstructionSet"/>.
/// </summary>
internal interface ISeparatorClassifier
{
    static abstract void Classify(ref byte block, out ulong separators, out ulong newlines);
}
