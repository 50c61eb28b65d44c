using KeyMeter.Core.Budgets;

namespace KeyMeter.Functions.Reports;

/// <summary>
/// The proxy's live counter of one budget: what it has settled, and what instances hold leased (reserved in flight or
/// parked unused). Leased money counts against the budget until it is settled, given back, or reclaimed after its
/// holder stopped.
/// </summary>
internal sealed record BudgetCounterResponse(decimal SettledUsd, decimal LeasedUsd, decimal ReclaimableUsd, IReadOnlyList<LeaseResponse> Leases)
{
    public static BudgetCounterResponse? Of(BudgetCounter? counter, DateTimeOffset now) =>
        counter is null ? null : new(counter.Settled, counter.Leased, counter.ExpiredAt(now), [.. counter.Holders.Select(holding => LeaseResponse.Of(holding, now))]);
}
