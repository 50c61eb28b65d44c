using KeyMeter.Core.Reports;

namespace KeyMeter.Functions.Reports;

/// <summary>
/// One budget in <c>GET /reports/budgets</c>: limit, spent (from the aggregates), remaining and the percentage used (two
/// decimals), and for the current period the proxy's live counter with what is leased.
/// </summary>
internal sealed record BudgetUseResponse(decimal LimitUsd, decimal SpentUsd, decimal RemainingUsd, decimal PercentUsed, BudgetCounterResponse? Counter)
{
    public static BudgetUseResponse? Of(BudgetUse? use, BudgetCounterResponse? counter = null) =>
        use is null ? null : new BudgetUseResponse(use.LimitUsd, use.SpentUsd, use.RemainingUsd, Math.Round(use.Fraction * 100m, 2, MidpointRounding.AwayFromZero), counter);
}
