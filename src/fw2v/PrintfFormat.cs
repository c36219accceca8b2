using System.Globalization;
using System.Numerics;

namespace FastW2V.Cli;

/// <summary>
/// C's printf("%.Nf"), digit for digit as glibc prints it, for the drop-in programs whose output scripts
/// compare: the exact binary value rounded half to even (.NET's "F" rounds a tie away from zero, so
/// 0.125 would print 0.13 where compute-accuracy prints 0.12), "-0.00" for a negative zero, and
/// "-nan" / "nan" by the NaN's sign bit (x86's 0/0 is negative: compute-accuracy's "-nan %").
/// </summary>
internal static class PrintfFormat
{
    public static string Fixed(double value, int decimals)
    {
        bool negative = double.IsNegative(value);
        if (double.IsNaN(value)) return negative ? "-nan" : "nan";
        if (double.IsInfinity(value)) return negative ? "-inf" : "inf";
        long bits = BitConverter.DoubleToInt64Bits(Math.Abs(value));
        int exponent = (int)(bits >> 52);
        long mantissa = bits & ((1L << 52) - 1);
        if (exponent == 0) exponent = 1; // subnormal
        else mantissa |= 1L << 52;
        exponent -= 1075; // value = mantissa · 2^exponent
        BigInteger scaled = mantissa * BigInteger.Pow(10, decimals), digits;
        if (exponent >= 0) digits = scaled << exponent;
        else
        {
            digits = scaled >> -exponent;
            BigInteger remainder = scaled - (digits << -exponent), half = BigInteger.One << (-exponent - 1);
            if (remainder > half || (remainder == half && !digits.IsEven)) digits += 1;
        }
        string text = digits.ToString(CultureInfo.InvariantCulture).PadLeft(decimals + 1, '0');
        if (decimals > 0) text = $"{text[..^decimals]}.{text[^decimals..]}";
        return negative ? "-" + text : text;
    }
}
