using KeyMeter.Core.Reports;

namespace KeyMeter.Functions.Reports;

/// <summary>One budget in <c>GET /reports/budgets</c>: limit, spent, remaining and the percentage used (two decimals).</summary>
internal sealed record BudgetUseResponse(decimal LimitUsd, decimal SpentUsd, decimal RemainingUsd, decimal PercentUsed)
{
    public static BudgetUseResponse? Of(BudgetUse? use) =>
        use is null ? null : new BudgetUseResponse(use.LimitUsd, use.SpentUsd, use.RemainingUsd, Math.Round(use.Fraction * 100m, 2, MidpointRounding.AwayFromZero));
}
