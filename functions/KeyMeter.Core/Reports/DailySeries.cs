namespace KeyMeter.Core.Reports;

/// <summary>One value's spend on every day of a <see cref="DailySeriesReport"/>, in the report's day order.</summary>
public sealed record DailySeries(string Value, IReadOnlyList<decimal> SpendUsd)
{
    public decimal TotalUsd => SpendUsd.Sum();
}
