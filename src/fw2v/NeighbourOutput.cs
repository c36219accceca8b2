using System.Text.Json;

namespace FastW2V.Cli;

/// <summary>
/// The answers of <c>nn</c> and <c>analogy</c>: text for people, "  word  cosine" under a heading; JSON for
/// pipelines, {"word", "cosine"} objects in the same order.
/// </summary>
internal static class NeighbourOutput
{
    public static void Text(TextWriter output, string heading, IReadOnlyList<(string Word, float Cosine)> answers)
    {
        output.WriteLine(heading);
        foreach (var (word, cosine) in answers) output.WriteLine($"  {word,-24} {cosine:F4}");
    }

    /// <summary>An array of {"word", "cosine"} under <paramref name="name"/>.</summary>
    public static void Json(Utf8JsonWriter w, string name, IReadOnlyList<(string Word, float Cosine)> answers)
    {
        w.WriteStartArray(name);
        foreach (var (word, cosine) in answers)
        {
            w.WriteStartObject();
            w.WriteString("word", word);
            w.WriteNumber("cosine", Math.Round((double)cosine, 6));
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}
