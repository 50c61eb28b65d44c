using KeyMeter.Core.Cursor;

namespace KeyMeter.Core.Tests.Cursor;

public sealed class CursorEventKindTests
{
    [Theory]
    [InlineData("Usage-based", CursorEventKind.UsageBased)]
    [InlineData("Included in Business", CursorEventKind.Included)]
    [InlineData("User API Key", CursorEventKind.Byok)]
    [InlineData("USAGE_EVENT_KIND_USER_API_KEY", CursorEventKind.Byok)]
    [InlineData("USAGE_EVENT_KIND_ERRORED_NOT_CHARGED", CursorEventKind.ErroredNotCharged)]
    [InlineData("USAGE_EVENT_KIND_INCLUDED_IN_PRO_PLUS", CursorEventKind.Included)]
    [InlineData(null, CursorEventKind.Unspecified)]
    [InlineData("  ", CursorEventKind.Unspecified)]
    public void Normalize_LabelOrEnumCode_SameTag(string? kind, string expected)
    {
        Assert.Equal(expected, CursorEventKind.Normalize(kind));
    }

    [Fact]
    public void Of_KindMissing_FallsBackToKindLabel()
    {
        var usageEvent = new CursorUsageEvent { KindLabel = "USAGE_EVENT_KIND_USER_API_KEY" };

        Assert.Equal(CursorEventKind.Byok, CursorEventKind.Of(usageEvent));
    }

    [Fact]
    public void Of_KindAndKindLabel_KindWins()
    {
        var usageEvent = new CursorUsageEvent { Kind = "Usage-based", KindLabel = "User API Key" };

        Assert.Equal(CursorEventKind.UsageBased, CursorEventKind.Of(usageEvent));
    }
}
