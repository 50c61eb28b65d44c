namespace KeyMeter.Core.Digests;

/// <summary>
/// Month-end spend: what the month has spent up to the period's last day, plus the trailing 7-day daily average for
/// each day left.
/// </summary>
public sealed record DigestForecast(DateOnly Through, decimal MonthToDateUsd, decimal DailyAverageUsd, int DaysLeft)
{
    public decimal MonthEndUsd => MonthToDateUsd + (DailyAverageUsd * DaysLeft);
}
