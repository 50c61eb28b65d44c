namespace KeyMeter.Core.Budgets;

/// <summary>The span a budget limits spend over. Both are UTC calendar periods.</summary>
public enum BudgetPeriod
{
    /// <summary>A UTC day, midnight to midnight.</summary>
    Daily,

    /// <summary>A UTC calendar month, from the first at midnight.</summary>
    Monthly,
}
