using KeyMeter.Core.Cursor;

namespace KeyMeter.Core.Tests.Cursor;

public sealed class CursorTableKeysTests
{
    [Fact]
    public void LedgerPartition_Day_IsoDate()
    {
        Assert.Equal("2026-03-07", CursorTableKeys.LedgerPartition(new DateOnly(2026, 3, 7)));
    }

    [Fact]
    public void LedgerRow_HexEventKey_Unchanged()
    {
        const string key = "0123456789abcdef0123456789abcdef";

        Assert.Equal(key, CursorTableKeys.LedgerRow(key));
        Assert.Equal(key, CursorTableKeys.EventKey(key));
    }

    [Fact]
    public void LedgerRow_ForbiddenCharacters_EventKeyRestoresThem()
    {
        var row = CursorTableKeys.LedgerRow("a/b#c");

        Assert.Equal("a%2Fb%23c", row);
        Assert.Equal("a/b#c", CursorTableKeys.EventKey(row));
    }

    [Fact]
    public void WatermarkRow_NameWithSlash_Escaped()
    {
        Assert.Equal("usage-events", CursorTableKeys.WatermarkRow("usage-events"));
        Assert.Equal("team%2Fevents", CursorTableKeys.WatermarkRow("team/events"));
    }

    [Fact]
    public void MembersPartition_Day_PrefixedIsoDate()
    {
        Assert.Equal("members|2026-03-07", CursorTableKeys.MembersPartition(new DateOnly(2026, 3, 7)));
    }

    [Fact]
    public void SpendPartition_OffsetTime_UtcToTheSecond()
    {
        // 01:30:15.999 at +02:00 is 23:30:15 of the day before in UTC.
        var takenAt = new DateTimeOffset(2026, 3, 2, 1, 30, 15, 999, TimeSpan.FromHours(2));

        Assert.Equal("spend|20260301T233015Z", CursorTableKeys.SpendPartition(takenAt));
    }

    [Fact]
    public void SpendPartition_LaterSnapshot_SortsAfter()
    {
        var first = CursorTableKeys.SpendPartition(new DateTimeOffset(2026, 3, 1, 9, 59, 59, TimeSpan.Zero));
        var second = CursorTableKeys.SpendPartition(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero));

        Assert.True(string.CompareOrdinal(first, second) < 0);
    }

    [Fact]
    public void MemberRow_WithId_IdWhateverTheEmail()
    {
        Assert.Equal("user_abc123", CursorTableKeys.MemberRow("user_abc123", "Alice@Example.com"));
        Assert.Equal("42", CursorTableKeys.MemberRow(" 42 ", null));
    }

    [Fact]
    public void MemberRow_NoId_EscapedNormalisedEmail()
    {
        Assert.Equal("a%2Fb@example.com", CursorTableKeys.MemberRow(null, " A/B@Example.com"));
        Assert.Equal("bob@example.com", CursorTableKeys.MemberRow("  ", "Bob@example.com"));
    }

    [Fact]
    public void MemberRow_NeitherIdNorEmail_Throws()
    {
        Assert.Throws<ArgumentException>(() => CursorTableKeys.MemberRow(null, " "));
    }

    [Fact]
    public void Keys_EventAndWatermarkEmpty_Throw()
    {
        Assert.Throws<ArgumentException>(() => CursorTableKeys.LedgerRow(""));
        Assert.Throws<ArgumentException>(() => CursorTableKeys.WatermarkRow(""));
    }
}
