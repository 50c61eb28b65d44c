using System.Globalization;

namespace KeyMeter.Core.Budgets;

/// <summary>
/// One concrete budget period: the UTC day or month an instant falls in. Its <see cref="Key"/> names the counter row
/// (<c>d:2026-11-22</c>, <c>m:2026-11</c>), so a new period simply starts a new row.
/// </summary>
public readonly record struct BudgetWindow
{
    private BudgetWindow(BudgetPeriod period, DateTimeOffset start)
    {
        Period = period;
        Start = start;
    }

    public BudgetPeriod Period { get; }

    /// <summary>The first instant of the window, in UTC.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>The first instant after the window (next UTC midnight, or the first of the next month): when the budget resets.</summary>
    public DateTimeOffset ResetsAt => Period == BudgetPeriod.Daily ? Start.AddDays(1) : Start.AddMonths(1);

    /// <summary>The period key: <c>d:yyyy-MM-dd</c> for a day, <c>m:yyyy-MM</c> for a month.</summary>
    public string Key => Period == BudgetPeriod.Daily
        ? string.Create(CultureInfo.InvariantCulture, $"d:{Start:yyyy-MM-dd}")
        : string.Create(CultureInfo.InvariantCulture, $"m:{Start:yyyy-MM}");

    /// <summary>The window of <paramref name="period"/> that contains <paramref name="instant"/>, whatever its offset.</summary>
    public static BudgetWindow Containing(BudgetPeriod period, DateTimeOffset instant)
    {
        var utc = instant.UtcDateTime;
        var start = period switch
        {
            BudgetPeriod.Daily => new DateTimeOffset(utc.Year, utc.Month, utc.Day, 0, 0, 0, TimeSpan.Zero),
            BudgetPeriod.Monthly => new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero),
            _ => throw new ArgumentOutOfRangeException(nameof(period), period, "Unknown budget period."),
        };
        return new BudgetWindow(period, start);
    }

    /// <summary>True once <paramref name="now"/> is past the window.</summary>
    public bool HasEndedAt(DateTimeOffset now) => now >= ResetsAt;
}
