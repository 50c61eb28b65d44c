namespace KeyMeter.Core.Keys;

/// <summary>Spend limits of a key in USD per UTC day and per UTC month; <c>null</c> means unlimited.</summary>
public sealed record KeyBudgets(decimal? DailyUsd, decimal? MonthlyUsd)
{
    public static KeyBudgets Unlimited { get; } = new(null, null);

    /// <summary>True when the key has a daily or a monthly budget.</summary>
    public bool HasAny => DailyUsd is not null || MonthlyUsd is not null;
}
