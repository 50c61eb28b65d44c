using KeyMeter.Core.Agents;
using KeyMeter.Core.Aggregation;
using KeyMeter.Core.Reports;

namespace KeyMeter.Core.Tests.Reports;

public sealed class AgentComparisonBuilderTests
{
    private static readonly ReportRange December = new(new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 7));

    private static AgentSession Session(string agent, string developer, decimal cost, int minutes, long input = 1000, long cached = 0) =>
        new(
            Guid.NewGuid().ToString("N"),
            agent,
            developer,
            true,
            null,
            DateTimeOffset.Parse("2026-12-02T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
            DateTimeOffset.Parse("2026-12-02T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture).AddMinutes(minutes),
            ["m"],
            new AggregateCounters(1, input - cached, cached, 0, 0, 100, 0, cost, 0m, 0, 0));

    private static AgentFact Fact(string agent, string name, decimal value, int day = 2, AgentFactKind kind = AgentFactKind.Amount, string series = "s", string developer = "a@example.com") =>
        new(new DateOnly(2026, 12, 1).AddDays(day - 1), developer, agent, name, series, value, kind);

    [Fact]
    public void Build_SessionsAndFacts_RatiosPerAgentMostSpendFirst()
    {
        var sessions = new[]
        {
            Session(CodingAgents.ClaudeCode, "a@example.com", 3m, 60, input: 10_000, cached: 8_000),
            Session(CodingAgents.ClaudeCode, "b@example.com", 1m, 30, input: 10_000, cached: 2_000),
            Session(CodingAgents.ClaudeCode, "a@example.com", 2m, 30),
            Session(CodingAgents.Cursor, "a@example.com", 4m, 0),
        };
        var facts = new[]
        {
            Fact(CodingAgents.ClaudeCode, AgentFactNames.LinesAdded, 300m, series: "d1"),
            Fact(CodingAgents.ClaudeCode, AgentFactNames.LinesAdded, 100m, series: "d2"),
            Fact(CodingAgents.ClaudeCode, AgentFactNames.Commits, 2m),
            Fact(CodingAgents.ClaudeCode, AgentFactNames.LinesAdded, 999m, day: 0),
            Fact(CodingAgents.Cursor, AgentFactNames.LinesAccepted, 50m),
            Fact(CodingAgents.Codex, AgentFactNames.Commits, 1m),
        };

        var report = AgentComparisonBuilder.Build(December, sessions, facts);

        Assert.Equal([CodingAgents.ClaudeCode, CodingAgents.Cursor, CodingAgents.Codex], report.Agents.Select(agent => agent.Agent));
        var claude = report.Agents[0];
        Assert.Equal((6m, 2, 3, 2m), (claude.SpendUsd, claude.Developers, claude.Sessions, claude.ActiveHours));
        Assert.Equal(2m, claude.SpendPerSession);
        Assert.Equal(3m, claude.SpendPerActiveHour);
        Assert.Equal(10_000m / 21_000m, claude.CacheHitRate);
        Assert.Equal((400m, 2m), (claude.LinesAdded, claude.Commits));
        Assert.Equal(1.5m, claude.SpendPer100Lines);
        Assert.Null(claude.LinesAccepted);
        var cursor = report.Agents[1];
        Assert.Null(cursor.SpendPerActiveHour);
        Assert.Null(cursor.SpendPer100Lines);
        Assert.Equal(50m, cursor.LinesAccepted);
        var codex = report.Agents[2];
        Assert.Equal((0m, 0, 1m), (codex.SpendUsd, codex.Sessions, codex.Commits));
        Assert.Null(codex.SpendPerSession);
        Assert.Null(codex.CacheHitRate);
    }

    [Fact]
    public void FactsInRange_Cumulative_IncreaseOverThePreviousDayRestartCountsWhole()
    {
        var facts = new[]
        {
            Fact(CodingAgents.GeminiCli, AgentFactNames.LinesAdded, 40m, day: 0, kind: AgentFactKind.Cumulative, series: "run-1"),
            Fact(CodingAgents.GeminiCli, AgentFactNames.LinesAdded, 75m, day: 2, kind: AgentFactKind.Cumulative, series: "run-1"),
            Fact(CodingAgents.GeminiCli, AgentFactNames.LinesAdded, 90m, day: 3, kind: AgentFactKind.Cumulative, series: "run-1"),
            Fact(CodingAgents.GeminiCli, AgentFactNames.LinesAdded, 10m, day: 4, kind: AgentFactKind.Cumulative, series: "run-1"),
            Fact(CodingAgents.GeminiCli, AgentFactNames.LinesAdded, 7m, day: 5, kind: AgentFactKind.Cumulative, series: "run-2"),
            Fact(CodingAgents.GeminiCli, AgentFactNames.LinesAdded, 500m, day: 9, kind: AgentFactKind.Cumulative, series: "run-2"),
        };

        var sums = AgentComparisonBuilder.FactsInRange(December, facts);

        // run-1: 35 (over the day before the range) + 15 + 10 (restarted); run-2: 7 on its first day; day 9 is outside.
        Assert.Equal(67m, sums[(CodingAgents.GeminiCli, AgentFactNames.LinesAdded)]);
    }
}
