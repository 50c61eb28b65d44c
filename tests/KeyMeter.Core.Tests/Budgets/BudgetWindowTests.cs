using KeyMeter.Core.Budgets;

namespace KeyMeter.Core.Tests.Budgets;

public sealed class BudgetWindowTests
{
    private static DateTimeOffset Utc(int year, int month, int day, int hour = 0, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void Containing_Daily_KeyStartAndNextMidnight()
    {
        var window = BudgetWindow.Containing(BudgetPeriod.Daily, Utc(2026, 11, 22, 9, 30));

        Assert.Equal("d:2026-11-22", window.Key);
        Assert.Equal(Utc(2026, 11, 22), window.Start);
        Assert.Equal(Utc(2026, 11, 23), window.ResetsAt);
    }

    [Fact]
    public void Containing_Monthly_KeyStartAndFirstOfNextMonth()
    {
        var window = BudgetWindow.Containing(BudgetPeriod.Monthly, Utc(2026, 11, 22, 9, 30));

        Assert.Equal("m:2026-11", window.Key);
        Assert.Equal(Utc(2026, 11, 1), window.Start);
        Assert.Equal(Utc(2026, 12, 1), window.ResetsAt);
    }

    [Fact]
    public void Containing_LastMinuteOfYear_ResetsIntoNextYear()
    {
        var day = BudgetWindow.Containing(BudgetPeriod.Daily, Utc(2026, 12, 31, 23, 59));
        var month = BudgetWindow.Containing(BudgetPeriod.Monthly, Utc(2026, 12, 31, 23, 59));

        Assert.Equal("d:2026-12-31", day.Key);
        Assert.Equal(Utc(2027, 1, 1), day.ResetsAt);
        Assert.Equal("m:2026-12", month.Key);
        Assert.Equal(Utc(2027, 1, 1), month.ResetsAt);
    }

    [Theory]
    [InlineData(2026, 1, 31, 2026, 2, 1)]
    [InlineData(2028, 2, 28, 2028, 2, 29)]
    [InlineData(2028, 2, 29, 2028, 3, 1)]
    [InlineData(2026, 2, 28, 2026, 3, 1)]
    public void Containing_MonthEnd_DailyResetsNextCalendarDay(int year, int month, int day, int resetYear, int resetMonth, int resetDay)
    {
        var window = BudgetWindow.Containing(BudgetPeriod.Daily, Utc(year, month, day, 12));

        Assert.Equal(Utc(resetYear, resetMonth, resetDay), window.ResetsAt);
    }

    [Fact]
    public void Containing_MidnightExactly_BelongsToTheNewDay()
    {
        var window = BudgetWindow.Containing(BudgetPeriod.Daily, Utc(2026, 11, 23));

        Assert.Equal("d:2026-11-23", window.Key);
        Assert.True(BudgetWindow.Containing(BudgetPeriod.Daily, Utc(2026, 11, 22, 23, 59)).HasEndedAt(Utc(2026, 11, 23)));
    }

    [Fact]
    public void Containing_NonUtcOffset_UsesTheUtcDay()
    {
        // 22 Nov 21:30 in New York is 23 Nov 02:30 UTC; 1 Dec 08:00 in Tokyo is still 30 Nov in UTC.
        var evening = new DateTimeOffset(2026, 11, 22, 21, 30, 0, TimeSpan.FromHours(-5));
        var morning = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.FromHours(9));

        Assert.Equal("d:2026-11-23", BudgetWindow.Containing(BudgetPeriod.Daily, evening).Key);
        Assert.Equal("m:2026-11", BudgetWindow.Containing(BudgetPeriod.Monthly, morning).Key);
        Assert.Equal(TimeSpan.Zero, BudgetWindow.Containing(BudgetPeriod.Daily, evening).Start.Offset);
    }

    [Fact]
    public void Containing_SameDayDifferentTimes_EqualWindows()
    {
        Assert.Equal(
            BudgetWindow.Containing(BudgetPeriod.Daily, Utc(2026, 11, 22, 0, 1)),
            BudgetWindow.Containing(BudgetPeriod.Daily, Utc(2026, 11, 22, 23, 59)));
        Assert.NotEqual(
            BudgetWindow.Containing(BudgetPeriod.Daily, Utc(2026, 11, 22)),
            BudgetWindow.Containing(BudgetPeriod.Monthly, Utc(2026, 11, 22)));
    }
}
