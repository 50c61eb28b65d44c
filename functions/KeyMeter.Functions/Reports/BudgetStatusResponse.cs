using KeyMeter.Core.Reports;

namespace KeyMeter.Functions.Reports;

/// <summary>The body of <c>GET /reports/budgets</c>: every usable key with a budget, closest to its limit first.</summary>
internal sealed record BudgetStatusResponse(DateOnly Day, string Currency, IReadOnlyList<KeyBudgetResponse> Keys)
{
    public static BudgetStatusResponse Of(BudgetStatusReport report) => Of(report, static _ => (null, null));

    /// <param name="counters">The live counters (daily, monthly) of a key, when the report is for the current period.</param>
    public static BudgetStatusResponse Of(BudgetStatusReport report, Func<string, (BudgetCounterResponse? Daily, BudgetCounterResponse? Monthly)> counters)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(counters);
        return new BudgetStatusResponse(report.Day, ReportEndpoints.Currency, [.. report.Keys.Select(status =>
        {
            var (daily, monthly) = counters(status.KeyId);
            return KeyBudgetResponse.Of(status, daily, monthly);
        })]);
    }
}
