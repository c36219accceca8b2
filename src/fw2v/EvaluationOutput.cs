using System.Text.Json;
using FastW2V.Evaluation;

namespace FastW2V.Cli;

/// <summary>
/// The evaluation reports as text for people and JSON for pipelines (see <see cref="JsonOutput"/>).
/// </summary>
internal static class EvaluationOutput
{
    public static void AnalogyText(TextWriter output, AnalogyReport report, bool sections = true)
    {
        if (sections)
            foreach (var s in report.Sections)
                output.WriteLine($"{s.Name,-30} {s.Accuracy,8:P2}  ({s.Correct} / {s.Seen})");
        foreach (var s in new[] { report.Semantic, report.Syntactic, report.Overall })
            output.WriteLine($"{s.Name.ToUpperInvariant(),-30} {s.Accuracy,8:P2}  ({s.Correct} / {s.Seen})");
        var o = report.Overall;
        output.WriteLine(
            $"Questions seen / total: {o.Seen} / {o.Total} ({(o.Total > 0 ? (double)o.Seen / o.Total : 0):P2}), "
            + $"{report.Restrict} words, 3Cos{report.Method}, {report.Elapsed.TotalSeconds:F2} s"
            + (report.MalformedLines > 0 ? $", {report.MalformedLines} malformed line(s) skipped" : ""));
    }

    /// <summary>
    /// compute-accuracy's output, line for line: each section's name, its "ACCURACY TOP1" and the running
    /// "Total accuracy" line, then "Questions seen / total". Its arithmetic too: float percentages, a
    /// section that saw no question shown as 0 of 1, and "-nan" for a group with none yet.
    /// </summary>
    public static void ComputeAccuracyText(TextWriter output, AnalogyReport report)
    {
        for (int s = 0; s < report.Sections.Count; s++)
        {
            var section = report.Sections[s];
            int seen = Math.Max(1, section.Seen);
            output.Write($"{section.Name}:\n");
            output.Write($"ACCURACY TOP1: {Percent(section.Correct, seen)} %  ({section.Correct} / {seen})\n");
            var (semantic, syntactic, total) = report.Through(s);
            output.Write($"Total accuracy: {Percent(total)} %   Semantic accuracy: {Percent(semantic)} %   "
                + $"Syntactic accuracy: {Percent(syntactic)} % \n");
        }
        var o = report.Overall;
        output.Write($"Questions seen / total: {o.Seen} {o.Total}   {Percent(o.Seen, o.Total)} % \n");
    }

    private static string Percent(SectionScore s) => Percent(s.Correct, s.Seen);

    /// <summary>part / (float)whole * 100 in float, as compute-accuracy computes it (0 / 0 is NaN).</summary>
    private static string Percent(int part, int whole)
    {
        float ratio = part / (float)whole;
        float percent = ratio * 100;
        return PrintfFormat.Fixed(percent, 2);
    }

    public static void SimilarityText(TextWriter output, IReadOnlyList<SimilarityScore> scores)
    {
        output.WriteLine($"{"pairs file",-24} {"spearman",9} {"used",6} {"oov",6} {"total",6}");
        foreach (var s in scores)
            output.WriteLine(
                $"{s.Name,-24} {s.Spearman,9:F4} {s.Used,6} {s.OutOfVocabulary,6} {s.Total,6}"
                + (s.MalformedLines > 0 ? $"  ({s.MalformedLines} malformed line(s) skipped)" : ""));
        if (scores.Count > 1) output.WriteLine($"{"average",-24} {Average(scores),9:F4}");
    }

    public static void AnalogyJson(Utf8JsonWriter w, AnalogyReport r)
    {
        w.WriteStartObject();
        w.WriteString("method", "3Cos" + r.Method);
        w.WriteNumber("restrict", r.Restrict);
        w.WriteNumber("seconds", Math.Round(r.Elapsed.TotalSeconds, 3));
        w.WriteNumber("malformedLines", r.MalformedLines);
        w.WriteStartArray("sections");
        foreach (var s in r.Sections) Score(w, s);
        w.WriteEndArray();
        w.WritePropertyName("semantic"); Score(w, r.Semantic);
        w.WritePropertyName("syntactic"); Score(w, r.Syntactic);
        w.WritePropertyName("total"); Score(w, r.Overall);
        w.WriteEndObject();
    }

    private static void Score(Utf8JsonWriter w, SectionScore s)
    {
        w.WriteStartObject();
        w.WriteString("name", s.Name);
        w.WriteNumber("accuracy", Math.Round(s.Accuracy, 6));
        w.WriteNumber("correct", s.Correct);
        w.WriteNumber("seen", s.Seen);
        w.WriteNumber("total", s.Total);
        w.WriteEndObject();
    }

    /// <summary>The mean of the files' Spearman ρ (files without one left out), NaN when none has one.</summary>
    public static double Average(IReadOnlyList<SimilarityScore> scores)
    {
        var finite = scores.Select(s => s.Spearman).Where(double.IsFinite).ToList();
        return finite.Count > 0 ? finite.Average() : double.NaN;
    }

    /// <summary>
    /// {"files": [...], "average": ρ}: one object, so that a pipeline reads the average without computing it.
    /// </summary>
    public static void SimilarityJson(Utf8JsonWriter w, IReadOnlyList<SimilarityScore> scores)
    {
        w.WriteStartObject();
        double average = Average(scores);
        if (double.IsFinite(average)) w.WriteNumber("average", Math.Round(average, 6)); else w.WriteNull("average");
        w.WriteStartArray("files");
        foreach (var s in scores)
        {
            w.WriteStartObject();
            w.WriteString("name", s.Name);
            if (double.IsFinite(s.Spearman)) w.WriteNumber("spearman", Math.Round(s.Spearman, 6));
            else w.WriteNull("spearman");
            w.WriteNumber("used", s.Used);
            w.WriteNumber("outOfVocabulary", s.OutOfVocabulary);
            w.WriteNumber("total", s.Total);
            w.WriteNumber("malformedLines", s.MalformedLines);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
