using KeyMeter.Core.Aggregation;
using KeyMeter.Core.Reports;

namespace KeyMeter.Core.Digests;

/// <summary>Everything one digest says, before it becomes a message (<see cref="DigestComposer"/>).</summary>
/// <param name="Total">The period's organisation total; spend is <c>costUsd + cursorFeeUsd</c>.</param>
/// <param name="Sources">Spend by source: <c>proxy</c> and <c>cursor</c>.</param>
/// <param name="Bypassing">Developers whose Cursor BYOK traffic went around KeyMeter in the period.</param>
public sealed record Digest(
    DigestPeriod Period,
    AggregateCounters Total,
    AggregateCounters PreviousTotal,
    IReadOnlyList<ReportGroup> TopDevelopers,
    IReadOnlyList<ReportGroup> TopProjects,
    IReadOnlyList<ReportGroup> TopModels,
    IReadOnlyList<ReportGroup> Sources,
    BudgetStatusReport Budgets,
    IReadOnlyList<SpendAnomaly> Anomalies,
    IReadOnlyList<NightActivity> Night,
    DigestForecast Forecast,
    IReadOnlyList<ReconciliationDeveloper> Bypassing)
{
    /// <summary>The period's most expensive working sessions, the dearest first (<see cref="SessionsBuilder"/>).</summary>
    public IReadOnlyList<AgentSession> TopSessions { get; init; } = [];

    /// <summary>The coding agents of the period compared, most spend first (<see cref="AgentComparisonBuilder"/>).</summary>
    public IReadOnlyList<AgentTotals> Agents { get; init; } = [];

    public static decimal Spend(AggregateCounters counters) => counters.CostUsd + counters.CursorFeeUsd;
}
