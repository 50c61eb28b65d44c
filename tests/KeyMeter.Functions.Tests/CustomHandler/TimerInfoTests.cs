using KeyMeter.Functions.CustomHandler;

namespace KeyMeter.Functions.Tests.CustomHandler;

public sealed class TimerInfoTests
{
    [Fact]
    public void Decode_TimerFixture_ReadsScheduleStatus()
    {
        var decoded = TimerInfo.Decode(HostFixtures.Read("timer.json"), "myTimer");

        Assert.True(decoded.Succeeded, decoded.Error);
        var timer = decoded.Value;
        Assert.True(timer.Schedule?.AdjustForDST);
        Assert.False(timer.IsPastDue);
        Assert.Equal(new DateTimeOffset(2025, 1, 1, 9, 55, 0, TimeSpan.Zero), timer.ScheduleStatus?.Last);
        Assert.Equal(new DateTimeOffset(2025, 1, 1, 10, 5, 0, TimeSpan.Zero), timer.ScheduleStatus?.Next);
        Assert.NotNull(timer.ScheduleStatus?.LastUpdated);
    }

    [Fact]
    public void Decode_NullScheduleStatusAndLowercaseKeys_Accepted()
    {
        var request = HostFixtures.Parse("""{"data":{"t":{"schedule":{"adjustForDST":false},"scheduleStatus":null,"isPastDue":true}},"metadata":{}}""");

        var decoded = TimerInfo.Decode(request, "T");

        Assert.True(decoded.Succeeded, decoded.Error);
        Assert.Null(decoded.Value.ScheduleStatus);
        Assert.True(decoded.Value.IsPastDue);
    }

    [Fact]
    public void Decode_TimerInsideString_Accepted()
    {
        var request = HostFixtures.Parse("""{"Data":{"t":"{\"Schedule\":{},\"ScheduleStatus\":{\"Last\":\"2025-01-01T00:00:00Z\"},\"IsPastDue\":false}"},"Metadata":{}}""");

        var decoded = TimerInfo.Decode(request, "t");

        Assert.True(decoded.Succeeded, decoded.Error);
        Assert.Equal(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), decoded.Value.ScheduleStatus?.Last);
    }

    [Theory]
    [InlineData("""{"Data":{"t":"\"abc\""},"Metadata":{}}""", "Data.t is not a timer value: expected a JSON object, found String")]
    [InlineData("""{"Data":{"t":{"IsPastDue":"soon"}},"Metadata":{}}""", "Data.t is not a timer value")]
    [InlineData("""{"Data":{},"Metadata":{}}""", "Data has no timer binding 't'.")]
    public void Decode_NotATimer_Fails(string json, string expected)
    {
        var decoded = TimerInfo.Decode(HostFixtures.Parse(json), "t");

        Assert.False(decoded.Succeeded);
        Assert.Contains(expected, decoded.Error, StringComparison.Ordinal);
    }
}
