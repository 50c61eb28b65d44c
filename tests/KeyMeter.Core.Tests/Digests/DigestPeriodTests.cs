using KeyMeter.Core.Digests;
using static KeyMeter.Core.Tests.Reports.ReportFixtures;

namespace KeyMeter.Core.Tests.Digests;

public sealed class DigestPeriodTests
{
    [Fact]
    public void LatestComplete_Daily_IsYesterday()
    {
        var period = DigestPeriod.LatestComplete(DigestKind.Daily, Day("2026-12-03"));

        Assert.Equal(new DigestPeriod(DigestKind.Daily, Day("2026-12-02"), Day("2026-12-02")), period);
        Assert.Equal("digest|daily|2026-12-02", period.Id);
        Assert.Equal("2026-12-02", period.Label);
    }

    [Theory]
    [InlineData("2026-11-30")] // a Monday: last week is the week before
    [InlineData("2026-12-03")]
    [InlineData("2026-12-06")] // a Sunday: this week is not over
    public void LatestComplete_Weekly_IsLastMondayToSunday(string today)
    {
        var period = DigestPeriod.LatestComplete(DigestKind.Weekly, Day(today));

        Assert.Equal(Day("2026-11-23"), period.From);
        Assert.Equal(Day("2026-11-29"), period.To);
        Assert.Equal(DayOfWeek.Monday, period.From.DayOfWeek);
        Assert.Equal(7, period.Days);
        Assert.Equal("digest|weekly|2026-11-23", period.Id);
        Assert.Equal("2026-11-23 to 2026-11-29", period.Label);
    }

    [Fact]
    public void PreviousAndNext_WeekAcrossAMonthEnd_AdjacentWeeks()
    {
        var week = DigestPeriod.Containing(DigestKind.Weekly, Day("2026-12-01"));

        Assert.Equal(new DigestPeriod(DigestKind.Weekly, Day("2026-11-23"), Day("2026-11-29")), week.Previous);
        Assert.Equal(new DigestPeriod(DigestKind.Weekly, Day("2026-12-07"), Day("2026-12-13")), week.Next);
        Assert.Equal(week, week.Next.Previous);
    }

    [Fact]
    public void Containing_Daily_IsThatDay()
    {
        var day = DigestPeriod.Containing(DigestKind.Daily, Day("2028-02-29"));

        Assert.Equal(1, day.Days);
        Assert.Equal(Day("2028-03-01"), day.Next.From);
        Assert.Equal(Day("2028-02-28"), day.Previous.To);
    }
}
