using KeyMeter.Core.Reports;
using KeyMeter.Testing;
using static KeyMeter.Core.Tests.Reports.ReportFixtures;

namespace KeyMeter.Core.Tests.Reports;

public sealed class ReportRangeTests
{
    // 23:30 in New York on 15 March is already 16 March in UTC.
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 3, 15, 23, 30, 0, TimeSpan.FromHours(-5)));

    [Fact]
    public void Parse_NoParameters_ThirtyDaysEndingTodayUtc()
    {
        var result = ReportRange.Parse(null, null, _time);

        Assert.True(result.IsValid);
        Assert.Equal(Day("2026-03-16"), result.Value.To);
        Assert.Equal(Day("2026-02-15"), result.Value.From);
        Assert.Equal(30, result.Value.Days);
    }

    [Fact]
    public void Parse_OnlyTo_FromIsTwentyNineDaysEarlier()
    {
        var result = ReportRange.Parse(string.Empty, "2026-01-31", _time);

        Assert.Equal(new ReportRange(Day("2026-01-02"), Day("2026-01-31")), result.Value);
    }

    [Fact]
    public void Parse_OnlyFrom_ToIsToday()
    {
        var result = ReportRange.Parse("2026-03-01", null, _time);

        Assert.Equal(new ReportRange(Day("2026-03-01"), Day("2026-03-16")), result.Value);
    }

    [Fact]
    public void Parse_SameDay_OneDay()
    {
        var result = ReportRange.Parse("2028-02-29", "2028-02-29", _time);

        Assert.Equal(1, result.Value!.Days);
    }

    [Theory]
    [InlineData("2026-3-01", null, "from")]
    [InlineData("2026-02-30", null, "from")]
    [InlineData("2027-02-29", null, "from")]
    [InlineData("03/01/2026", null, "from")]
    [InlineData(null, "2026-03-01T00:00:00Z", "to")]
    [InlineData(null, " 2026-03-01", "to")]
    [InlineData("1999-12-31", "2000-01-01", "from")]
    [InlineData("2026-01-01", "3000-01-01", "to")]
    public void Parse_BadDay_ErrorNamesParameterAndFormat(string? from, string? to, string parameter)
    {
        var result = ReportRange.Parse(from, to, _time);

        Assert.False(result.IsValid);
        Assert.Equal(parameter, result.Parameter);
        Assert.Contains("yyyy-MM-dd", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ToBeforeFrom_Error()
    {
        var result = ReportRange.Parse("2026-03-02", "2026-03-01", _time);

        Assert.False(result.IsValid);
        Assert.Equal("to", result.Parameter);
        Assert.Equal("'to' (2026-03-01) is before 'from' (2026-03-02).", result.Error);
    }

    [Fact]
    public void Parse_FromAfterDefaultTo_Error()
    {
        var result = ReportRange.Parse("2026-04-01", null, _time);

        Assert.Equal("to", result.Parameter);
    }

    [Fact]
    public void Parse_FourHundredDays_Valid()
    {
        var result = ReportRange.Parse("2025-01-01", "2026-02-04", _time);

        Assert.True(result.IsValid);
        Assert.Equal(ReportRange.MaxDays, result.Value.Days);
    }

    [Fact]
    public void Parse_FourHundredAndOneDays_Error()
    {
        var result = ReportRange.Parse("2025-01-01", "2026-02-05", _time);

        Assert.False(result.IsValid);
        Assert.Equal("from", result.Parameter);
        Assert.Equal("The range covers 401 days; a report covers at most 400.", result.Error);
    }

    [Fact]
    public void Months_WithinOneMonth_OnePartialPiece()
    {
        var months = new ReportRange(Day("2026-03-02"), Day("2026-03-30")).Months();

        Assert.Equal([new ReportMonth("2026-03", Day("2026-03-02"), Day("2026-03-30"), false)], months);
    }

    [Fact]
    public void Months_AcrossMonths_PartialEndsAndWholeMiddle()
    {
        var months = new ReportRange(Day("2026-01-15"), Day("2026-04-10")).Months();

        Assert.Equal(
            [
                new ReportMonth("2026-01", Day("2026-01-15"), Day("2026-01-31"), false),
                new ReportMonth("2026-02", Day("2026-02-01"), Day("2026-02-28"), true),
                new ReportMonth("2026-03", Day("2026-03-01"), Day("2026-03-31"), true),
                new ReportMonth("2026-04", Day("2026-04-01"), Day("2026-04-10"), false),
            ],
            months);
    }

    [Fact]
    public void Months_StartsOnFirstAndEndsOnLast_EveryMonthWhole()
    {
        var months = new ReportRange(Day("2026-11-01"), Day("2027-01-31")).Months();

        Assert.All(months, month => Assert.True(month.IsWholeMonth));
        Assert.Equal(["2026-11", "2026-12", "2027-01"], months.Select(month => month.Partition));
    }

    [Theory]
    [InlineData("2028-02-01", "2028-02-29", true)]
    [InlineData("2028-02-01", "2028-02-28", false)]
    [InlineData("2027-02-01", "2027-02-28", true)]
    public void Months_February_WholeOnlyThroughItsLastDay(string from, string to, bool whole)
    {
        var month = Assert.Single(new ReportRange(Day(from), Day(to)).Months());

        Assert.Equal(whole, month.IsWholeMonth);
        Assert.Equal(Day(to).Day, month.Days);
    }

    [Fact]
    public void Months_AcrossNewYear_TwoOneDayPieces()
    {
        var months = new ReportRange(Day("2025-12-31"), Day("2026-01-01")).Months();

        Assert.Equal(
            [
                new ReportMonth("2025-12", Day("2025-12-31"), Day("2025-12-31"), false),
                new ReportMonth("2026-01", Day("2026-01-01"), Day("2026-01-01"), false),
            ],
            months);
    }

    [Fact]
    public void EachDay_LeapYear_IncludesTwentyNinthOfFebruary()
    {
        var days = new ReportRange(Day("2028-02-28"), Day("2028-03-01")).EachDay();

        Assert.Equal([Day("2028-02-28"), Day("2028-02-29"), Day("2028-03-01")], days);
    }
}
