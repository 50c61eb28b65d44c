using System.Globalization;
using KeyMeter.Core.Agents;
using KeyMeter.Core.Metering;

namespace KeyMeter.Core.Telemetry;

/// <summary>
/// Turns the agents' metric points into <see cref="AgentFact"/>s for the agent comparison: lines of code added and
/// removed, commits, pull requests and active time (Claude Code <c>claude_code.*</c>; Gemini CLI
/// <c>gemini_cli.lines.changed</c>), and the agents' own cost and token counts as a cross-check. None of them is ever
/// counted as spend: the model calls in the log events are.
/// </summary>
/// <remarks>
/// A fact's series is a digest of the metric, the series' attributes and its start time, so an exporter that sends the
/// same payload again replaces what it stored. A delta point's series also holds the point's time, so the day's deltas
/// add up; a cumulative point's does not, so the day keeps the series' last running total and the comparison takes the
/// increase over the day before (<see cref="AgentFactKind.Cumulative"/>). The developer is the key's owner, never an
/// attribute of the point.
/// </remarks>
public static class AgentMetrics
{
    public static AgentMetricReading Read(TelemetryPoint point, string developer, out AgentFact? fact, out string? rejection)
    {
        ArgumentNullException.ThrowIfNull(point);
        ArgumentException.ThrowIfNullOrEmpty(developer);
        fact = null;
        rejection = null;
        if (Kind(point) is not ({ } agent, { } name))
        {
            return AgentMetricReading.NotAFact;
        }

        if (point.Value is not { } value || !double.IsFinite(value) || value < 0 || value > 1e15)
        {
            rejection = $"{point.MetricName}: needs a finite, non-negative value.";
            return AgentMetricReading.Rejected;
        }

        if (point.TimeUnixNano == 0)
        {
            rejection = $"{point.MetricName}: needs a time (timeUnixNano).";
            return AgentMetricReading.Rejected;
        }

        var series = string.Join(
            '\n',
            point.MetricName,
            point.Attributes.Canonical(),
            point.StartTimeUnixNano.ToString(CultureInfo.InvariantCulture),
            point.Cumulative ? string.Empty : point.TimeUnixNano.ToString(CultureInfo.InvariantCulture));
        fact = new AgentFact(
            DateOnly.FromDateTime(point.Time.UtcDateTime),
            developer,
            agent,
            name,
            ContentHash.Of(series),
            (decimal)value,
            point.Cumulative ? AgentFactKind.Cumulative : AgentFactKind.Amount);
        return AgentMetricReading.Fact;
    }

    /// <summary>The agent and fact name a metric point counts under; nulls for a metric KeyMeter does not keep.</summary>
    private static (string? Agent, string? Name) Kind(TelemetryPoint point)
    {
        var type = point.Attributes.Text("type");
        return point.MetricName switch
        {
            "claude_code.lines_of_code.count" => (CodingAgents.ClaudeCode, Lines(type)),
            "claude_code.commit.count" => (CodingAgents.ClaudeCode, AgentFactNames.Commits),
            "claude_code.pull_request.count" => (CodingAgents.ClaudeCode, AgentFactNames.PullRequests),
            "claude_code.active_time.total" => (CodingAgents.ClaudeCode, AgentFactNames.ActiveSeconds),
            "claude_code.cost.usage" => (CodingAgents.ClaudeCode, AgentFactNames.ReportedCostUsd),
            "claude_code.token.usage" => (CodingAgents.ClaudeCode, AgentFactNames.ReportedTokens),
            "gemini_cli.lines.changed" => (CodingAgents.GeminiCli, Lines(type)),
            "gemini_cli.token.usage" => (CodingAgents.GeminiCli, AgentFactNames.ReportedTokens),
            _ => (null, null),
        };
    }

    private static string? Lines(string? type) => type switch
    {
        "added" => AgentFactNames.LinesAdded,
        "removed" => AgentFactNames.LinesRemoved,
        _ => null,
    };
}
