using System.Globalization;
using System.Text;
using static KeyMeter.Benchmarks.MarkdownText;

namespace KeyMeter.Benchmarks.Aggregation;

/// <summary>A check that the figures can be trusted: what was expected, what was found.</summary>
internal sealed record CorrectnessCheck(string Name, string Expected, string Actual, bool Passed)
{
    public static CorrectnessCheck Equal<T>(string name, T expected, T actual)
        where T : IEquatable<T>, IFormattable =>
        new(name, Format(expected), Format(actual), expected.Equals(actual));

    /// <summary>The checks as a Markdown table, under a line that says what a failure means.</summary>
    public static void AppendTable(StringBuilder text, IReadOnlyList<CorrectnessCheck> checks)
    {
        Line(text, "Correctness checks (the exit code is 1 when one fails):");
        Line(text);
        Line(text, "| Check | Expected | Found | Result |");
        Line(text, "|---|--:|--:|---|");
        foreach (var check in checks)
        {
            Row(text, check.Name, check.Expected, check.Actual, check.Passed ? "OK" : "**FAILED**");
        }
    }

    /// <summary>Names each failed check through <paramref name="progress"/>, with what was expected and what was found.</summary>
    public static void ReportFailures(IEnumerable<CorrectnessCheck> checks, Action<string> progress)
    {
        foreach (var failed in checks.Where(check => !check.Passed))
        {
            progress($"CHECK FAILED: {failed.Name}: expected {failed.Expected}, found {failed.Actual}");
        }
    }

    private static string Format(IFormattable value) => value switch
    {
        decimal amount => amount.ToString("0.000000000", CultureInfo.InvariantCulture) + " USD",
        _ => value.ToString("N0", CultureInfo.InvariantCulture),
    };
}
