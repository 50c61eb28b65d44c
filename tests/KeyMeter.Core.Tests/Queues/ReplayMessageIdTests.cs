using KeyMeter.Core.Queues;

namespace KeyMeter.Core.Tests.Queues;

public sealed class ReplayMessageIdTests
{
    [Fact]
    public void For_ShortId_OriginalThenMarkerThenNonce()
    {
        Assert.Equal("px_0123|replay-abc123", ReplayMessageId.For("px_0123", "abc123"));
    }

    [Fact]
    public void For_IdReplayedBefore_ReplacesTheEarlierSuffix()
    {
        var once = ReplayMessageId.For("px_0123", "first");

        Assert.Equal("px_0123|replay-second", ReplayMessageId.For(once, "second"));
    }

    [Fact]
    public void For_LongestId_CutToServiceBusLimit()
    {
        var nonce = new string('f', 32);

        var id = ReplayMessageId.For(new string('x', 128), nonce);

        Assert.Equal(ReplayMessageId.MaxLength, id.Length);
        Assert.EndsWith("|replay-" + nonce, id, StringComparison.Ordinal);
    }

    [Fact]
    public void For_CutFallsInsideASurrogatePair_CutsBeforeThePair()
    {
        var nonce = new string('a', 32);
        var room = ReplayMessageId.MaxLength - ReplayMessageId.Marker.Length - nonce.Length;
        var original = new string('x', room - 1) + "\U0001F600" + "tail";

        var id = ReplayMessageId.For(original, nonce);

        Assert.Equal(new string('x', room - 1) + ReplayMessageId.Marker + nonce, id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("0123456789012345678901234567890123")]
    public void For_BadNonce_Throws(string nonce) =>
        Assert.ThrowsAny<ArgumentException>(() => ReplayMessageId.For("m", nonce));
}
