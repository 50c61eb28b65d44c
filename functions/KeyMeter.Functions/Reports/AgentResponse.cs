using System.Text.Json.Serialization;
using KeyMeter.Core.Reports;

namespace KeyMeter.Functions.Reports;

/// <summary>One agent of <c>GET /reports/agents</c>: who used it and how much, its ratios, what it reported doing, then its counters.</summary>
internal sealed class AgentResponse : CountersResponse
{
    private AgentResponse(AgentTotals totals)
        : base(totals.Counters)
    {
        Agent = totals.Agent;
        SpendUsd = totals.SpendUsd;
        Developers = totals.Developers;
        Sessions = totals.Sessions;
        ActiveHours = Math.Round(totals.ActiveHours, 2);
        SpendPerSession = Round(totals.SpendPerSession, 6);
        SpendPerActiveHour = Round(totals.SpendPerActiveHour, 6);
        CacheHitRate = Round(totals.CacheHitRate, 4);
        LinesAdded = totals.LinesAdded;
        LinesRemoved = totals.LinesRemoved;
        LinesAccepted = totals.LinesAccepted;
        Commits = totals.Commits;
        PullRequests = totals.PullRequests;
        SpendPer100Lines = Round(totals.SpendPer100Lines, 6);
        ReportedCostUsd = totals.ReportedCostUsd;
    }

    [JsonPropertyOrder(-20)]
    public string Agent { get; }

    /// <summary>Cost and Cursor fee together.</summary>
    [JsonPropertyOrder(-19)]
    public decimal SpendUsd { get; }

    [JsonPropertyOrder(-18)]
    public int Developers { get; }

    [JsonPropertyOrder(-17)]
    public int Sessions { get; }

    /// <summary>The sessions' time from first to last call, in hours.</summary>
    [JsonPropertyOrder(-16)]
    public decimal ActiveHours { get; }

    [JsonPropertyOrder(-15)]
    public decimal? SpendPerSession { get; }

    [JsonPropertyOrder(-14)]
    public decimal? SpendPerActiveHour { get; }

    /// <summary>Cached input tokens over all input tokens, 0 to 1.</summary>
    [JsonPropertyOrder(-13)]
    public decimal? CacheHitRate { get; }

    [JsonPropertyOrder(-12)]
    public decimal? LinesAdded { get; }

    [JsonPropertyOrder(-11)]
    public decimal? LinesRemoved { get; }

    [JsonPropertyOrder(-10)]
    public decimal? LinesAccepted { get; }

    [JsonPropertyOrder(-9)]
    public decimal? Commits { get; }

    [JsonPropertyOrder(-8)]
    public decimal? PullRequests { get; }

    [JsonPropertyOrder(-7)]
    public decimal? SpendPer100Lines { get; }

    /// <summary>The agent's own estimate of its cost, beside KeyMeter's price: a cross-check.</summary>
    [JsonPropertyOrder(-6)]
    public decimal? ReportedCostUsd { get; }

    public static AgentResponse Of(AgentTotals totals)
    {
        ArgumentNullException.ThrowIfNull(totals);
        return new AgentResponse(totals);
    }

    private static decimal? Round(decimal? value, int digits) => value is { } exact ? Math.Round(exact, digits) : null;
}
