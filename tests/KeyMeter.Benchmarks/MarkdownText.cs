using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Text;

namespace KeyMeter.Benchmarks;

/// <summary>What every benchmark report writes its Markdown with: lines ending in a bare line feed, table rows, invariant-culture text, the line about the machine.</summary>
internal static class MarkdownText
{
    public static void Row(StringBuilder text, params string[] cells) => Line(text, "| " + string.Join(" | ", cells) + " |");

    public static void Line(StringBuilder text, string line = "") => text.Append(line).Append('\n');

    public static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A report's first line: when, on what machine and runtime, and how long the run took.</summary>
    public static string Machine(TimeSpan runTook) =>
        Invariant($"- {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, run took {runTook.TotalSeconds:F0} s.");
}
