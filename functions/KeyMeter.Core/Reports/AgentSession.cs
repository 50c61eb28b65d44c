using KeyMeter.Core.Aggregation;

namespace KeyMeter.Core.Reports;

/// <summary>
/// One working session of one developer with one agent: the agent's own session (<see cref="Named"/>), or a run of a
/// key's calls with no idle gap as long as the setting (<see cref="SessionsBuilder"/>).
/// </summary>
/// <param name="Id">The agent's session id; for a session cut at idle gaps, the key id and the start (<c>km_…@20261203T0905Z</c>).</param>
/// <param name="KeyId">The key of a session cut at idle gaps; null for a named one (its calls may span keys).</param>
/// <param name="Counters">What the session's calls add up to; its span is <paramref name="Start"/> to <paramref name="End"/>.</param>
public sealed record AgentSession(
    string Id,
    string Agent,
    string Developer,
    bool Named,
    string? KeyId,
    DateTimeOffset Start,
    DateTimeOffset End,
    IReadOnlyList<string> Models,
    AggregateCounters Counters)
{
    public TimeSpan Duration => End - Start;

    /// <summary>What the session cost: the calls' cost and Cursor's fee on them.</summary>
    public decimal SpendUsd => Counters.CostUsd + Counters.CursorFeeUsd;
}
