using System.Globalization;
using System.Numerics;

namespace FastW2V.Cli;

/// <summary>
/// What an option's value must be, said as a person would ("a whole number", "a number", "0 or 1",
/// "Table or Alias", "no value"), and whether a token is one: the parser names .NET types instead.
/// </summary>
internal static class ValueWords
{
    /// <summary>word2vec.c's 0/1 switches, declared as numbers because they are spelled -cbow 1.</summary>
    private static readonly HashSet<string> ZeroOrOne = ["--cbow", "-cbow", "--hs", "-hs"];

    /// <summary>Whether <paramref name="token"/> is a value of <paramref name="type"/> (anything else: yes).</summary>
    public static bool Parses(Type type, string token)
    {
        var invariant = CultureInfo.InvariantCulture;
        if (Range(type) is { } range)
            return BigInteger.TryParse(token, NumberStyles.Integer, invariant, out var n)
                && n >= range.Min && n <= range.Max;
        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal))
            return double.TryParse(token, NumberStyles.Float | NumberStyles.AllowThousands, invariant, out _);
        if (type == typeof(bool)) return bool.TryParse(token, out _);
        if (type.IsEnum) return Enum.TryParse(type, token, ignoreCase: true, out _);
        return true;
    }

    /// <summary>What <paramref name="name"/> takes, given that <paramref name="token"/> was refused.</summary>
    public static string For(Type type, string name, string token)
    {
        if (ZeroOrOne.Contains(name)) return "0 or 1";
        if (Range(type) is { } range)
        {
            // A whole number out of the type's range: say the range, not just "a whole number".
            bool whole = BigInteger.TryParse(token, NumberStyles.Integer, CultureInfo.InvariantCulture, out _);
            return whole ? $"a whole number from {range.Min:N0} to {range.Max:N0}"
                : range.Min == 0 ? "a whole number (0 or more)"
                : "a whole number";
        }
        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal)) return "a number";
        // Only --binary takes word2vec.c's 0/1 (ClassicArguments); other flags stand alone.
        if (type == typeof(bool)) return name.TrimStart('-') == "binary" ? "0 or 1" : "no value";
        if (type.IsEnum) return OneOf(Enum.GetNames(type));
        return "another value";
    }

    /// <summary>"a, b or c".</summary>
    public static string OneOf(IReadOnlyList<string> names) =>
        names.Count == 1 ? names[0] : $"{string.Join(", ", names.Take(names.Count - 1))} or {names[^1]}";

    private static (BigInteger Min, BigInteger Max)? Range(Type type) =>
        type == typeof(int) ? (int.MinValue, int.MaxValue)
        : type == typeof(long) ? (long.MinValue, long.MaxValue)
        : type == typeof(short) ? (short.MinValue, short.MaxValue)
        : type == typeof(byte) ? (byte.MinValue, byte.MaxValue)
        : type == typeof(uint) ? (uint.MinValue, uint.MaxValue)
        : type == typeof(ulong) ? (ulong.MinValue, ulong.MaxValue)
        : null;
}
