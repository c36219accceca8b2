using FastW2V.Cli;

namespace FastW2V.Tests.Cli;

/// <summary>The drop-in programs print numbers as glibc's printf does (the expected strings are its output).</summary>
public class PrintfFormatTests
{
    [TestCase(0.125f, 2, "0.12")]            // a tie: to even, where .NET's "F2" gives 0.13
    [TestCase(0.375f, 2, "0.38")]
    [TestCase(1.0078125f, 6, "1.007812")]
    [TestCase(0.0078125f, 6, "0.007812")]
    [TestCase(0.5f, 2, "0.50")]
    [TestCase(123.455f, 2, "123.46")]        // 123.4550018…: not a tie
    [TestCase(123.455f, 6, "123.455002")]
    [TestCase(99.995f, 2, "100.00")]
    [TestCase(0.9999996f, 6, "1.000000")]
    [TestCase(1e-7f, 2, "0.00")]
    [TestCase(-0.0001f, 2, "-0.00")]
    [TestCase(-0.0f, 6, "-0.000000")]
    [TestCase(-1.0f, 6, "-1.000000")]
    [TestCase(1e30f, 6, "1000000015047466219876688855040.000000")]
    public void Fixed_prints_what_printf_prints(float value, int decimals, string expected) =>
        Assert.That(PrintfFormat.Fixed(value, decimals), Is.EqualTo(expected));

    [Test]
    public void Nan_prints_with_its_sign_as_glibc_does()
    {
        float zero = 0;
        float nan = zero / zero; // x86's 0/0 has the sign bit set: compute-accuracy's "-nan %"
        Assert.That(PrintfFormat.Fixed(nan, 2), Is.EqualTo(double.IsNegative(nan) ? "-nan" : "nan"));
        Assert.That(PrintfFormat.Fixed(-nan, 2), Is.EqualTo(double.IsNegative(nan) ? "nan" : "-nan"));
        float x86Nan = BitConverter.Int32BitsToSingle(unchecked((int)0xFFC00000));
        Assert.That(PrintfFormat.Fixed(x86Nan, 2), Is.EqualTo("-nan"));
    }
}
