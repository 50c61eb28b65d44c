using System.Globalization;
using KeyMeter.Core.Scheduling;

namespace KeyMeter.Core.Tests.Scheduling;

public sealed class CronScheduleTests
{
    [Theory]
    [InlineData("0 */5 * * * *", "2025-01-01T00:02:30Z", "2025-01-01T00:05:00Z")]
    [InlineData("0 */5 * * * *", "2025-01-01T00:05:00Z", "2025-01-01T00:10:00Z")]
    [InlineData("0 */5 * * * *", "2025-01-01T23:55:00Z", "2025-01-02T00:00:00Z")]
    [InlineData("0 0 * * * *", "2025-01-01T10:00:00.5Z", "2025-01-01T11:00:00Z")]
    [InlineData("0 0 * * * *", "2025-01-01T23:59:59Z", "2025-01-02T00:00:00Z")]
    [InlineData("0 30 9 * * 1-5", "2025-01-06T08:00:00Z", "2025-01-06T09:30:00Z")]
    [InlineData("0 30 9 * * 1-5", "2025-01-03T09:30:00Z", "2025-01-06T09:30:00Z")]
    [InlineData("0 30 9 * * Mon-Fri", "2025-01-04T00:00:00Z", "2025-01-06T09:30:00Z")]
    [InlineData("0 0 0 1 * *", "2025-01-31T12:00:00Z", "2025-02-01T00:00:00Z")]
    [InlineData("0 0 0 1 * *", "2025-12-31T23:59:59Z", "2026-01-01T00:00:00Z")]
    [InlineData("0 0 0 31 * *", "2025-04-01T00:00:00Z", "2025-05-31T00:00:00Z")]
    [InlineData("0 0 12 29 2 *", "2024-02-28T00:00:00Z", "2024-02-29T12:00:00Z")]
    [InlineData("0 0 12 29 2 *", "2025-03-01T00:00:00Z", "2028-02-29T12:00:00Z")]
    [InlineData("0 0 12 29 Feb *", "2024-02-29T12:00:00Z", "2028-02-29T12:00:00Z")]
    [InlineData("0 0 8 * Jan,Jul Mon", "2025-01-01T00:00:00Z", "2025-01-06T08:00:00Z")]
    [InlineData("0 0 8 * Jan,Jul Mon", "2025-01-27T08:00:00Z", "2025-07-07T08:00:00Z")]
    [InlineData("0 0 0 * * 0", "2025-01-01T00:00:00Z", "2025-01-05T00:00:00Z")]
    [InlineData("0 0 0 * * sun", "2025-01-01T00:00:00Z", "2025-01-05T00:00:00Z")]
    [InlineData("0 0 0 * * Sunday", "2025-01-01T00:00:00Z", "2025-01-05T00:00:00Z")]
    [InlineData("0 0 0 13 * Fri", "2025-01-01T00:00:00Z", "2025-06-13T00:00:00Z")]
    [InlineData("0 10-20/5 * * * *", "2025-01-01T00:12:00Z", "2025-01-01T00:15:00Z")]
    [InlineData("0 10-20/5 * * * *", "2025-01-01T00:20:00Z", "2025-01-01T01:10:00Z")]
    [InlineData("0 5/20 * * * *", "2025-01-01T00:26:00Z", "2025-01-01T00:45:00Z")]
    [InlineData("*/15 * * * * *", "2025-01-01T00:00:44Z", "2025-01-01T00:00:45Z")]
    [InlineData("0 0 6,18 * * *", "2025-01-01T07:00:00Z", "2025-01-01T18:00:00Z")]
    [InlineData("*/5 * * * *", "2025-01-01T00:02:30Z", "2025-01-01T00:05:00Z")]
    [InlineData("00:05:00", "2025-01-01T00:02:30.25Z", "2025-01-01T00:07:30.25Z")]
    [InlineData("1.00:00:00", "2025-01-01T00:00:00Z", "2025-01-02T00:00:00Z")]
    public void GetNextOccurrence_ValidSchedule_ReturnsFirstOccurrenceAfter(string expression, string after, string expected)
    {
        var schedule = Parse(expression);

        var next = schedule.GetNextOccurrence(DateTimeOffset.Parse(after, CultureInfo.InvariantCulture));

        Assert.Equal(DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture), next);
        Assert.Equal(TimeSpan.Zero, next.Offset);
    }

    [Fact]
    public void GetNextOccurrence_NonUtcOffset_ComparesInUtc()
    {
        var schedule = Parse("0 0 9 * * *");

        var next = schedule.GetNextOccurrence(new DateTimeOffset(2025, 1, 1, 10, 0, 0, TimeSpan.FromHours(2)));

        Assert.Equal(new DateTimeOffset(2025, 1, 1, 9, 0, 0, TimeSpan.Zero), next);
    }

    [Fact]
    public void GetNextOccurrence_Repeated_YieldsEveryOccurrenceInOrder()
    {
        var schedule = Parse("0 0 0 1 * *");
        var time = new DateTimeOffset(2024, 1, 15, 0, 0, 0, TimeSpan.Zero);

        var months = new List<int>();
        for (var i = 0; i < 12; i++)
        {
            time = schedule.GetNextOccurrence(time);
            months.Add(time.Month);
        }

        Assert.Equal([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 1], months);
        Assert.Equal(2025, time.Year);
    }

    [Fact]
    public void TryParse_TimeSpan_ExposesInterval()
    {
        var schedule = Parse("01:30:00");

        Assert.Equal(TimeSpan.FromMinutes(90), schedule.Interval);
        Assert.Equal("01:30:00", schedule.Expression);
    }

    [Fact]
    public void TryParse_Ncrontab_HasNoInterval()
    {
        var schedule = Parse(" 0 */5 * * * * ");

        Assert.Null(schedule.Interval);
        Assert.Equal("0 */5 * * * *", schedule.ToString());
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("* * * *", "found 4 field(s)")]
    [InlineData("0 0 0 * * * *", "found 7 field(s)")]
    [InlineData("60 * * * * *", "second field '60': value 60 is out of range 0-59")]
    [InlineData("0 60 * * * *", "minute field '60'")]
    [InlineData("0 0 25 * * *", "hour field '25': value 25 is out of range 0-23")]
    [InlineData("0 0 0 0 * *", "day field '0': value 0 is out of range 1-31")]
    [InlineData("0 0 0 * 13 *", "month field '13'")]
    [InlineData("0 0 0 * * 7", "day-of-week field '7': value 7 is out of range 0-6")]
    [InlineData("0 */0 * * * *", "step '0' must be a whole number of at least 1")]
    [InlineData("0 */x * * * *", "step 'x'")]
    [InlineData("0 5-1 * * * *", "range '5-1' runs backwards")]
    [InlineData("0 0 0 1,,2 * *", "a value is missing")]
    [InlineData("0 0 0 * Foo *", "'Foo' is neither a number from 1 to 12 nor one of January")]
    [InlineData("0 0 0 * Ju *", "'Ju' is neither a number")]
    [InlineData("0 a * * * *", "'a' is not a number from 0 to 59")]
    [InlineData("0 -1 * * * *", "a value is missing")]
    [InlineData("0 0 0 30 2 *", "never occurs")]
    [InlineData("0 0 0 31 4,6,9,11 *", "never occurs")]
    [InlineData("00:00:00", "positive interval")]
    [InlineData("-00:05:00", "positive interval")]
    [InlineData("12:xx:00", "positive interval")]
    public void TryParse_InvalidExpression_FailsWithClearError(string expression, string expectedFragment)
    {
        var parsed = CronSchedule.TryParse(expression, out var schedule, out var error);

        Assert.False(parsed);
        Assert.Null(schedule);
        Assert.Contains(expectedFragment, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_InvalidField_ErrorNamesTheExpression()
    {
        Assert.False(CronSchedule.TryParse("0 0 25 * * *", out _, out var error));

        Assert.StartsWith("Invalid schedule '0 0 25 * * *': hour field", error, StringComparison.Ordinal);
    }

    private static CronSchedule Parse(string expression)
    {
        Assert.True(CronSchedule.TryParse(expression, out var schedule, out var error), error);
        return schedule;
    }
}
