using KeyMeter.Core.Budgets;

namespace KeyMeter.Functions.Proxy;

/// <summary>Budget periods as error messages and logs name them.</summary>
internal static class BudgetNames
{
    public static string Of(BudgetPeriod period) => period == BudgetPeriod.Daily ? "daily" : "monthly";
}
