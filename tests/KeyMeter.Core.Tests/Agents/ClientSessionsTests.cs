using KeyMeter.Core.Agents;

namespace KeyMeter.Core.Tests.Agents;

public sealed class ClientSessionsTests
{
    private const string Session = "54c1eb09-bc4c-4d2f-98eb-6d2ab2d5e2fe";

    [Fact]
    public void Of_ClaudeCodeHeader_WinsOverTheBody()
    {
        Assert.Equal(Session, ClientSessions.Of(Session, "codex-1", "{\"session_id\":\"other\"}"));
    }

    [Fact]
    public void Of_JsonMetadata_ReadsSessionId()
    {
        var userId = $$"""{"device_id":"d3adb33f","account_uuid":"","session_id":"{{Session}}"}""";

        Assert.Equal(Session, ClientSessions.Of(null, null, userId));
    }

    [Fact]
    public void Of_LegacyMetadata_ReadsWhatFollowsSession()
    {
        var userId = $"user_{new string('a', 64)}_account__session_{Session}";

        Assert.Equal(Session, ClientSessions.Of(string.Empty, string.Empty, userId));
    }

    [Fact]
    public void Of_CodexHeaderOnly_IsTheSession()
    {
        Assert.Equal("0199a213-81c0-7800-8aa1-bbab2a035a53", ClientSessions.Of(null, "0199a213-81c0-7800-8aa1-bbab2a035a53", null));
    }

    [Theory]
    [InlineData("{\"session_id\":\"has space\"}")]
    [InlineData("{\"session_id\":42}")]
    [InlineData("{\"device_id\":\"x\"}")]
    [InlineData("{not json")]
    [InlineData("[\"session_id\"]")]
    [InlineData("user_abc_account_")]
    [InlineData("user_abc_account__session_a/b")]
    public void FromMetadata_NoWellFormedSession_IsNull(string userId)
    {
        Assert.Null(ClientSessions.FromMetadata(userId));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("a\u0001b")]
    [InlineData("a|b")]
    [InlineData("a/b")]
    public void Clean_NotAnId_IsNull(string id)
    {
        Assert.Null(SessionIds.Clean(id));
    }

    [Fact]
    public void Clean_TooLong_IsNull()
    {
        Assert.Equal(new string('a', SessionIds.MaxLength), SessionIds.Clean(new string('a', SessionIds.MaxLength)));
        Assert.Null(SessionIds.Clean(new string('a', SessionIds.MaxLength + 1)));
    }
}
