using System.Text.Json;

namespace FastW2V.Cli;

/// <summary>
/// JSON for pipelines, written with Utf8JsonWriter by the caller (no reflection-based serialisation,
/// which NativeAOT trims): indented, as one document on the output, or on one line where a stream of
/// answers is one object per line.
/// </summary>
internal static class JsonOutput
{
    public static void Write(TextWriter output, Action<Utf8JsonWriter> write, bool indented = true)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented }))
            write(w);
        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
