namespace KeyMeter.Core.Keys;

/// <summary>Spend limits of a key in USD per UTC day and per UTC month; <c>null</c> means unlimited.</summary>
public sealed record KeyBudgets(decimal? DailyUsd, decimal? MonthlyUsd)
{
    public static KeyBudgets Unlimited { get; } = new(null, null);
}
