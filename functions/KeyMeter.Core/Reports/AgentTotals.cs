using KeyMeter.Core.Aggregation;

namespace KeyMeter.Core.Reports;

/// <summary>
/// One agent in the comparison (<see cref="AgentComparisonBuilder"/>): what its calls cost and used, who used it and for
/// how long, and what it reported doing. Ratios are null where their divisor is zero; facts are null when the agent
/// reported none in the range.
/// </summary>
/// <param name="Counters">Every call of the agent's sessions in the range.</param>
/// <param name="ActiveHours">The sessions' time from first to last call, added up.</param>
/// <param name="LinesAdded">Lines of code added, as the agent reports them (Claude Code, Gemini CLI metrics; Cursor's daily usage).</param>
/// <param name="LinesAccepted">Lines the developers accepted from the agent's suggestions (Cursor only).</param>
/// <param name="ReportedCostUsd">The agent's own estimate of its cost, a cross-check beside KeyMeter's price (Claude Code).</param>
public sealed record AgentTotals(
    string Agent,
    AggregateCounters Counters,
    int Developers,
    int Sessions,
    decimal ActiveHours,
    decimal? LinesAdded,
    decimal? LinesRemoved,
    decimal? LinesAccepted,
    decimal? Commits,
    decimal? PullRequests,
    decimal? ReportedCostUsd)
{
    public decimal SpendUsd => Counters.CostUsd + Counters.CursorFeeUsd;

    public decimal? SpendPerSession => Sessions == 0 ? null : SpendUsd / Sessions;

    public decimal? SpendPerActiveHour => ActiveHours == 0 ? null : SpendUsd / ActiveHours;

    /// <summary>Spend per 100 lines added; null without lines.</summary>
    public decimal? SpendPer100Lines => LinesAdded is > 0 ? SpendUsd * 100 / LinesAdded.Value : null;

    /// <summary>Cached input over all input: how much of the context the provider served from its cache.</summary>
    public decimal? CacheHitRate => Counters.TotalInputTokens == 0 ? null : (decimal)Counters.CachedInputTokens / Counters.TotalInputTokens;
}
