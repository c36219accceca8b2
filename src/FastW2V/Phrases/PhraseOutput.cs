using FastW2V.Storage;

namespace FastW2V.Phrases;

/// <summary>A range's output bytes, grown as needed.</summary>
internal sealed class PhraseOutput(int capacity)
{
    private byte[] _bytes = new byte[Math.Max(64, capacity)];
    public int Length { get; private set; }
    public ReadOnlySpan<byte> Bytes => _bytes.AsSpan(0, Length);
    public void Clear() => Length = 0;

    public unsafe void Word(byte separator, byte* word, int length)
    {
        if (Length + length + 1 > _bytes.Length)
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, Length + length + 1));
        fixed (byte* at = &_bytes[Length])
        {
            *at = separator;
            ShortCopy.Copy(at + 1, word, length);
        }
        Length += length + 1;
    }

    public void Newline()
    {
        if (Length + 1 > _bytes.Length) Array.Resize(ref _bytes, _bytes.Length * 2);
        _bytes[Length++] = (byte)'\n';
    }
}
