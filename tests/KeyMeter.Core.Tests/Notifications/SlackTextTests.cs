using KeyMeter.Core.Notifications;

namespace KeyMeter.Core.Tests.Notifications;

public sealed class SlackTextTests
{
    [Theory]
    [InlineData("<!channel> <!here|here> <@U024BE7LH> <#C1234|general>", "&lt;!channel&gt; &lt;!here|here&gt; &lt;@\u200BU024BE7LH&gt; &lt;#\u200BC1234|general&gt;")]
    [InlineData("<https://evil.example|renew your key>", "&lt;https:\u200B/\u200B/evil.\u200Bexample|renew your key&gt;")]
    [InlineData("http://evil.example/phish", "http:\u200B/\u200B/evil.\u200Bexample/phish")]
    [InlineData("www.evil.example", "www.\u200Bevil.\u200Bexample")]
    [InlineData("bob@evil.example", "bob@\u200Bevil.\u200Bexample")]
    [InlineData("@here @channel @everyone", "@\u200Bhere @\u200Bchannel @\u200Beveryone")]
    [InlineData("#general", "#\u200Bgeneral")]
    [InlineData("*bold* _it_ ~gone~ `code` ```block```", "\u2217bold\u2217 \u02CDit\u02CD \u223Cgone\u223C \u02CBcode\u02CB \u02CB\u02CB\u02CBblock\u02CB\u02CB\u02CB")]
    [InlineData("\uFF0Abold\uFF0A \uFF3Fit\uFF3F", "\uFE61bold\uFE61 \u2E0Fit\u2E0F")]
    [InlineData("> quoted", "\u00AD&gt; quoted")]
    [InlineData("a > b & c", "a &gt; b &amp; c")]
    [InlineData("ok\r\n> quoted", "ok &gt; quoted")]
    [InlineData(":rotating_light:", ":\u200Brotating\u02CDlight:")]
    public void Mrkdwn_Markup_ShownAsText(string value, string expected) => Assert.Equal(expected, SlackText.Mrkdwn(value));

    [Theory]
    [InlineData("<!channel> *bold* > x", "&lt;!channel&gt; *bold* &gt; x")]
    [InlineData("http://evil.example", "http:\u200B/\u200B/evil.\u200Bexample")]
    [InlineData("line1\nline2", "line1 line2")]
    public void Plain_Markup_OnlyEntitiesAndLinksBroken(string value, string expected) => Assert.Equal(expected, SlackText.Plain(value));

    [Theory]
    [InlineData("alice-laptop")]
    [InlineData("KeyMeter daily digest 2026-12-01: $1,234.56")]
    [InlineData("1 request(s) ($3.00) in night hours, at 23:00.")]
    [InlineData("Sent by KeyMeter · figures in USD")]
    public void Mrkdwn_PlainText_Unchanged(string value) => Assert.Equal(value, SlackText.Mrkdwn(value));

    [Fact]
    public void Link_UrlWithSlackControls_CannotEndTheLinkEarly() =>
        Assert.Equal(
            "<https://keymeter.example/dashboard?a=1&amp;b=%7C%3E|Open the ∗dashboard∗>",
            SlackText.Link(new Uri("https://keymeter.example/dashboard?a=1&b=|>"), "Open the *dashboard*"));
}
