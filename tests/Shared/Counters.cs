using KeyMeter.Core.Budgets;

namespace KeyMeter.Testing;

/// <summary>Counters for tests: seeds with money held by another, live instance, and the three totals to compare.</summary>
internal static class Counters
{
    public const string OtherInstance = "i-other";

    public static BudgetCounter Of(decimal limit, decimal settled, decimal leasedByOthers = 0m) =>
        new(limit, settled, leasedByOthers == 0 ? [] : [new LeaseHolding(OtherInstance, leasedByOthers, DateTimeOffset.MaxValue)]);

    public static (decimal Limit, decimal Settled, decimal Leased) Totals(this BudgetCounter? counter) =>
        counter is null ? default : (counter.Limit, counter.Settled, counter.Leased);
}
