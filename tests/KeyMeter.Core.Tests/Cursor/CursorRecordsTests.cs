using KeyMeter.Core.Aggregation;
using KeyMeter.Core.Cursor;
using KeyMeter.Core.Keys;
using KeyMeter.Core.Metering;
using KeyMeter.Core.People;
using static KeyMeter.Core.Tests.Cursor.CursorTestEvents;

namespace KeyMeter.Core.Tests.Cursor;

public sealed class CursorRecordsTests
{
    private static readonly PeopleDirectory People = PeopleDirectory.Build(
        [new DeveloperKey("key_0123456789abcdef0123", "dev", "Dev@Corp.com", new Dictionary<string, string> { ["team"] = "payments", ["project"] = "checkout" }, KeyBudgets.Unlimited, [], null, KeyStatus.Active, "h", Now, Now)],
        [new TeamAssignment("dev@corp.com", "platform")]);

    [Fact]
    public void FromEvent_CursorBilled_CostPlusFeeIsChargedCentsExactly()
    {
        var record = CursorRecords.FromEvent("k", Event(Now, charged: 40.16699999999999m, fee: 1.18m), People);

        Assert.Equal(0.3898699999999999m, record.CostUsd);
        Assert.Equal(0.0118m, record.CursorFeeUsd);
        Assert.Equal(0.4016699999999999m, record.CostUsd + record.CursorFeeUsd);
        Assert.Equal(CursorRecords.CursorProvider, record.Provider);
        Assert.Equal(UsageSources.Cursor, record.Source);
        Assert.Equal(string.Empty, record.KeyId);
        Assert.Null(UsageRecordReader.Check(record));
    }

    [Fact]
    public void FromEvent_Byok_CountsTokensAndFeeOnly()
    {
        var record = CursorRecords.FromEvent("k", Event(Now, kind: "USAGE_EVENT_KIND_USER_API_KEY", charged: 0.4125m, fee: 0.4125m), People);

        Assert.Equal(0m, record.CostUsd);
        Assert.Equal(0.004125m, record.CursorFeeUsd);
        Assert.Equal(CursorRecords.ByokProvider, record.Provider);
        Assert.Equal(new TokenUsage(126, 11964, 6112, 0, 450, 0), record.Tokens);
    }

    [Fact]
    public void FromEvent_ByokWithoutFeeField_TakesChargedCentsAsTheFee()
    {
        var record = CursorRecords.FromEvent("k", Event(Now, kind: "User API Key", charged: 0.3m, fee: null), People);

        Assert.Equal(0m, record.CostUsd);
        Assert.Equal(0.003m, record.CursorFeeUsd);
    }

    [Fact]
    public void FromEvent_NoTokenUsage_ZeroTokensAndStillValid()
    {
        var record = CursorRecords.FromEvent("k", Event(Now, kind: "Included in Business", charged: 8m, fee: null, noTokens: true), People);

        Assert.Equal(TokenUsage.Zero, record.Tokens);
        Assert.Equal(0.08m, record.CostUsd);
        Assert.Equal(CursorEventKind.Included, record.Tags[CursorRecords.KindTag]);
        Assert.Null(UsageRecordReader.Check(record));
    }

    [Fact]
    public void FromEvent_OwnerHasKeyAndMappedTeam_TagsLikeProxyUsageWithMappedTeam()
    {
        var record = CursorRecords.FromEvent("k", Event(Now, email: "DEV@corp.com"), People);

        Assert.Equal("platform", record.Tags["team"]);
        Assert.Equal("checkout", record.Tags["project"]);
        Assert.Equal("dev@corp.com", RecordDimensions.Developer(record.OwnerEmail));
        Assert.Equal(CursorEventIdentity.RecordPrefix + "k", record.Id);
        Assert.Equal(Now, record.StartedAt);
    }

    [Fact]
    public void FromEvent_UnknownDeveloper_OnlyTheKindTag()
    {
        var record = CursorRecords.FromEvent("k", Event(Now, email: "stranger@corp.com"), People);

        Assert.Equal([CursorRecords.KindTag], record.Tags.Keys);
    }

    [Fact]
    public void Seat_DayOfMonth_PriceOverDaysOfThatMonthWithoutRequest()
    {
        var seat = CursorRecords.Seat(new DateOnly(2026, 11, 22), "Dev@Corp.com", 40m, People);

        Assert.Equal(40m / 30m, seat.CostUsd);
        Assert.Equal(UsageCharges.Seat, seat.Charge);
        Assert.Equal(CursorRecords.SeatModel, seat.Model);
        Assert.Equal(0, AggregateCounters.Of(seat).Requests);
        Assert.Equal(seat.Id, CursorRecords.Seat(new DateOnly(2026, 11, 22), "dev@corp.com", 40m, People).Id);
        Assert.NotEqual(seat.Id, CursorRecords.Seat(new DateOnly(2026, 11, 23), "dev@corp.com", 40m, People).Id);
        Assert.Null(UsageRecordReader.Check(seat));
    }

    [Fact]
    public void CountsTheSame_OnlyIdDiffers_True_CentsDiffer_False()
    {
        var record = CursorRecords.FromEvent("k", Event(Now), People);

        Assert.True(CursorRecords.CountsTheSame(record, record with { Id = "other" }));
        Assert.False(CursorRecords.CountsTheSame(record, CursorRecords.FromEvent("k", Event(Now, charged: 21.37m), People)));
        Assert.False(CursorRecords.CountsTheSame(record, record with { Tags = new Dictionary<string, string>() }));
    }

    [Fact]
    public void AggregateCountersOf_Reversal_TakesEverythingBack()
    {
        var record = CursorRecords.FromEvent("k", Event(Now), People);

        var sum = AggregateCounters.Of(record).Add(AggregateCounters.Of(record with { Charge = UsageCharges.Reversal }));

        Assert.Equal(AggregateCounters.Zero, sum);
    }

    [Fact]
    public void Check_ChargeOnProxyRecordOrUnknownCharge_Refused()
    {
        var proxy = KeyMeter.Testing.AggregationFixtures.Record("px_1");
        var cursor = CursorRecords.FromEvent("k", Event(Now), People);

        Assert.NotNull(UsageRecordReader.Check(proxy with { Charge = UsageCharges.Reversal }));
        Assert.NotNull(UsageRecordReader.Check(cursor with { Charge = "refund" }));
        Assert.Null(UsageRecordReader.Check(cursor with { CostUsd = -0.5m }));
        Assert.NotNull(UsageRecordReader.Check(proxy with { CostUsd = -0.5m }));
    }
}
