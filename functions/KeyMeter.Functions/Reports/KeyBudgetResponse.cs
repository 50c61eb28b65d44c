using KeyMeter.Core.Reports;

namespace KeyMeter.Functions.Reports;

/// <summary>One key in <c>GET /reports/budgets</c>; a period without a budget is null.</summary>
internal sealed record KeyBudgetResponse(string KeyId, string Name, string OwnerEmail, BudgetUseResponse? Daily, BudgetUseResponse? Monthly)
{
    public static KeyBudgetResponse Of(KeyBudgetStatus status) => Of(status, null, null);

    public static KeyBudgetResponse Of(KeyBudgetStatus status, BudgetCounterResponse? daily, BudgetCounterResponse? monthly)
    {
        ArgumentNullException.ThrowIfNull(status);
        return new KeyBudgetResponse(status.KeyId, status.Name, status.OwnerEmail, BudgetUseResponse.Of(status.Daily, daily), BudgetUseResponse.Of(status.Monthly, monthly));
    }
}
