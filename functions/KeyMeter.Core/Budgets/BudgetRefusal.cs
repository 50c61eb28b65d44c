namespace KeyMeter.Core.Budgets;

/// <summary>Which budget refused a request and why, for the 429 message.</summary>
/// <param name="Period">The budget that refused (when both would, the daily one).</param>
/// <param name="LimitUsd">Its limit.</param>
/// <param name="SpentUsd">Spend settled in the current period.</param>
/// <param name="ReservedUsd">Held by requests in flight and by instances' unused lease slices.</param>
/// <param name="EstimateUsd">What the refused request would have reserved.</param>
/// <param name="ResetsAt">When the period ends and the budget starts afresh.</param>
public sealed record BudgetRefusal(BudgetPeriod Period, decimal LimitUsd, decimal SpentUsd, decimal ReservedUsd, decimal EstimateUsd, DateTimeOffset ResetsAt)
{
    /// <summary>Spent plus reserved.</summary>
    public decimal UsedUsd => SpentUsd + ReservedUsd;
}
