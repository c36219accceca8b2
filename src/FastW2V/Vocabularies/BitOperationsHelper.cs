namespace FastW2V.Vocabularies;

internal static class BitOperationsHelper
{
    public static long NextPowerOfTwo(long x)
    {
        long p = 1;
        while (p < x) p <<= 1;
        return p;
    }
}
