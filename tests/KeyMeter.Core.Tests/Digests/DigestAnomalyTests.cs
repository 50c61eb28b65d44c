using KeyMeter.Core.Aggregation;
using KeyMeter.Core.Digests;
using static KeyMeter.Core.Tests.Reports.ReportFixtures;

namespace KeyMeter.Core.Tests.Digests;

/// <summary>The digest's judgements on their own: spend anomalies, night activity, the forecast.</summary>
public sealed class DigestAnomalyTests
{
    private static readonly DigestPeriod Day3 = new(DigestKind.Daily, Day("2026-03-10"), Day("2026-03-10"));

    private static AggregateCounters Spent(decimal usd, long requests = 1) =>
        AggregateCounters.Zero with { Requests = requests, CostUsd = usd };

    private static List<(DateOnly Day, string Value, AggregateCounters Counters)> Trailing(string developer, decimal perDay, string through = "2026-03-09") =>
        [.. Enumerable.Range(0, 7).Select(back => (Day(through).AddDays(-back), developer, Spent(perDay)))];

    [Fact]
    public void Anomalies_OverThreeTimesMedian_Flagged()
    {
        var days = Trailing("alice@example.com", 2m);
        days.Add((Day("2026-03-10"), "alice@example.com", Spent(6.01m)));

        var anomaly = Assert.Single(DigestBuilder.Anomalies(Day3, days));

        Assert.Equal(new SpendAnomaly("alice@example.com", Day("2026-03-10"), 6.01m, 2m), anomaly);
    }

    [Fact]
    public void Anomalies_ExactlyThreeTimesMedian_NotFlagged()
    {
        var days = Trailing("alice@example.com", 2m);
        days.Add((Day("2026-03-10"), "alice@example.com", Spent(6m)));

        Assert.Empty(DigestBuilder.Anomalies(Day3, days));
    }

    [Fact]
    public void Anomalies_MissingTrailingDaysCountAsZero_MedianOfZerosFlagsAnySpendOverTheFloor()
    {
        // Three days of $5 out of seven: the median is $0, so $1 is an anomaly and $0.99 is under the floor.
        List<(DateOnly, string, AggregateCounters)> days =
        [
            (Day("2026-03-09"), "bob@example.com", Spent(5m)),
            (Day("2026-03-08"), "bob@example.com", Spent(5m)),
            (Day("2026-03-07"), "bob@example.com", Spent(5m)),
            (Day("2026-03-10"), "bob@example.com", Spent(1m)),
            (Day("2026-03-10"), "carol@example.com", Spent(0.99m)),
        ];

        var anomaly = Assert.Single(DigestBuilder.Anomalies(Day3, days));

        Assert.Equal("bob@example.com", anomaly.Developer);
        Assert.Equal(0m, anomaly.MedianUsd);
    }

    [Fact]
    public void Anomalies_CursorFeeCounts_AndEachDayOfAWeekJudgedOnItsOwnTrailingWindow()
    {
        var week = new DigestPeriod(DigestKind.Weekly, Day("2026-03-09"), Day("2026-03-15"));
        var days = Trailing("alice@example.com", 1m, through: "2026-03-08");
        days.Add((Day("2026-03-09"), "alice@example.com", AggregateCounters.Zero with { Requests = 1, CostUsd = 1m, CursorFeeUsd = 3m }));
        days.Add((Day("2026-03-15"), "alice@example.com", Spent(3.5m)));

        var anomalies = DigestBuilder.Anomalies(week, days);

        // 03-09: $4 against a median of $1. 03-15: the window 03-08..03-14 holds 1, 4 and five empty days: median $0.
        Assert.Equal([(Day("2026-03-09"), 4m), (Day("2026-03-15"), 3.5m)], anomalies.Select(a => (a.Day, a.SpentUsd)).OrderBy(a => a.Day));
    }

    [Fact]
    public void Night_WindowAcrossMidnightInUtc_CountsOnlyNightHours()
    {
        var settings = new DigestOptions { NightStartHour = 22, NightEndHour = 6 };
        List<(DateOnly, string, AggregateCounters)> hours =
        [
            (Day("2026-03-10"), "alice@example.com|23", Spent(0.5m, requests: 3)),
            (Day("2026-03-10"), "alice@example.com|02", Spent(0.25m, requests: 2)),
            (Day("2026-03-10"), "alice@example.com|06", Spent(9m, requests: 9)),
            (Day("2026-03-10"), "alice@example.com|21", Spent(9m, requests: 9)),
            (Day("2026-03-10"), "bob@example.com|22", Spent(1m, requests: 1)),
            (Day("2026-03-10"), "bob@example.com|12", Spent(1m, requests: 1)),
            (Day("2026-03-10"), "bad|value|xx", Spent(1m, requests: 1)),
        ];

        var night = DigestBuilder.Night(hours, settings);

        Assert.Equal(2, night.Count);
        Assert.Equal(("alice@example.com", 5L, 0.75m), (night[0].Developer, night[0].Requests, night[0].SpentUsd));
        Assert.Equal([2, 23], night[0].LocalHours);
        Assert.Equal("bob@example.com", night[1].Developer);
        Assert.Equal([22], night[1].LocalHours);
    }

    [Fact]
    public void Night_OrganisationTimeZone_UtcHoursShiftedByTheOffsetOfTheDay()
    {
        // Europe/Berlin is UTC+1 in March before the switch and UTC+2 in July. 21:00 UTC is 22:00 in March (night) and
        // 23:00 in July (night); 05:00 UTC is 06:00 in March (day) and 07:00 in July (day); 04:00 UTC is 05:00 / 06:00.
        var settings = new DigestOptions { TimeZone = "Europe/Berlin", NightStartHour = 22, NightEndHour = 6 };
        List<(DateOnly, string, AggregateCounters)> hours =
        [
            (Day("2026-03-10"), "alice@example.com|21", Spent(1m)),
            (Day("2026-03-10"), "alice@example.com|05", Spent(1m)),
            (Day("2026-03-10"), "alice@example.com|04", Spent(1m)),
            (Day("2026-07-10"), "bob@example.com|21", Spent(1m)),
            (Day("2026-07-10"), "bob@example.com|04", Spent(1m)),
        ];

        var night = DigestBuilder.Night(hours, settings).ToDictionary(activity => activity.Developer);

        Assert.Equal([5, 22], night["alice@example.com"].LocalHours);
        Assert.Equal([23], night["bob@example.com"].LocalHours);
    }

    [Fact]
    public void Night_WindowWithinOneDay_EndExclusive()
    {
        var settings = new DigestOptions { NightStartHour = 0, NightEndHour = 5 };

        Assert.True(settings.IsNight(0));
        Assert.True(settings.IsNight(4));
        Assert.False(settings.IsNight(5));
        Assert.False(settings.IsNight(23));
    }

    [Fact]
    public void Forecast_MonthToDatePlusTrailingAverageForDaysLeft()
    {
        var forecast = DigestBuilder.Forecast(Day("2026-02-20"), monthToDateUsd: 100m, trailingUsd: 70m);

        Assert.Equal(8, forecast.DaysLeft);
        Assert.Equal(10m, forecast.DailyAverageUsd);
        Assert.Equal(180m, forecast.MonthEndUsd);
    }

    [Fact]
    public void Forecast_LastDayOfMonth_IsMonthToDate()
    {
        var forecast = DigestBuilder.Forecast(Day("2026-03-31"), monthToDateUsd: 42.5m, trailingUsd: 700m);

        Assert.Equal(0, forecast.DaysLeft);
        Assert.Equal(42.5m, forecast.MonthEndUsd);
    }
}
