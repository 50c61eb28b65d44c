using KeyMeter.Core.Reports;

namespace KeyMeter.Functions.Reports;

/// <summary>The body of <c>GET /reports/budgets</c>: every usable key with a budget, closest to its limit first.</summary>
internal sealed record BudgetStatusResponse(DateOnly Day, string Currency, IReadOnlyList<KeyBudgetResponse> Keys)
{
    public static BudgetStatusResponse Of(BudgetStatusReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new BudgetStatusResponse(report.Day, ReportEndpoints.Currency, [.. report.Keys.Select(KeyBudgetResponse.Of)]);
    }
}
