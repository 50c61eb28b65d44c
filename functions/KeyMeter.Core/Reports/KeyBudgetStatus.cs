namespace KeyMeter.Core.Reports;

/// <summary>A key with at least one budget, and how much of each it has used.</summary>
/// <param name="Daily">Today's (UTC) use of the daily budget; null when the key has none.</param>
/// <param name="Monthly">This month's use of the monthly budget; null when the key has none.</param>
public sealed record KeyBudgetStatus(string KeyId, string Name, string OwnerEmail, BudgetUse? Daily, BudgetUse? Monthly)
{
    /// <summary>The larger fraction of its budgets: how close the key is to being blocked.</summary>
    internal decimal HighestFraction => Math.Max(Daily?.Fraction ?? 0m, Monthly?.Fraction ?? 0m);
}
