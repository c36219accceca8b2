using System.Text;
using FastW2V.Corpus;

namespace FastW2V.Tests.Corpus;

public unsafe class TextValidationTests
{
    private static void Check(byte[] text, int chunk)
    {
        fixed (byte* p = text) TextValidation.Check(p, text.Length, 1000, "t", checkUtf8: true, chunk);
    }

    [TestCase(16)]
    [TestCase(17)]
    [TestCase(18)]
    [TestCase(1 << 30)]
    public void A_character_across_a_chunk_boundary_is_valid(int chunk)
    {
        // "é" (2 bytes) and "€" (3 bytes) straddle offsets 16, 17 and 18.
        byte[] text = Encoding.UTF8.GetBytes("aaaaaaaaaaaaaaaé€ word naïve\n");
        Assert.DoesNotThrow(() => Check(text, chunk));
    }

    [TestCase(8)]
    [TestCase(1 << 30)]
    public void Invalid_utf8_and_nul_are_found_at_their_offsets_in_any_chunk(int chunk)
    {
        byte[] bad = [.. "hello wörld and then "u8, 0xC3, 0x28, .. " more"u8];
        Assert.That(() => Check(bad, chunk), Throws.TypeOf<FastW2VException>().With.Message.Contains($"invalid UTF-8 at byte {1000 + 22}"));
        byte[] nul = [.. "plain ascii text "u8, 0, .. "x"u8];
        Assert.That(() => Check(nul, chunk), Throws.TypeOf<FastW2VException>().With.Message.Contains($"byte {1000 + 17} is NUL"));
    }
}
