using KeyMeter.Core.Notifications;

namespace KeyMeter.Core.Tests.Notifications;

public sealed class AutoLinkBreakerTests
{
    [Theory]
    [InlineData("http://evil.example/a", "http:\u200B/\u200B/evil.\u200Bexample/a")]
    [InlineData("//evil.example", "/\u200B/evil.\u200Bexample")]
    [InlineData("mailto:bob", "mailto:\u200Bbob")]
    [InlineData("bob@evil.example", "bob@\u200Bevil.\u200Bexample")]
    [InlineData("evil\u3002example evil\uFF0Eexample", "evil\u3002\u200Bexample evil\uFF0E\u200Bexample")]
    [InlineData("@here", "@\u200Bhere")]
    [InlineData("http:\u200B//x", "http:\u200B/\u200B/x")]
    public void Break_LinkLike_ZeroWidthSpaceInserted(string value, string expected) => Assert.Equal(expected, AutoLinkBreaker.Break(value));

    [Theory]
    [InlineData("$1,234.56 on 2026-12-01 at 15:04 UTC")]
    [InlineData("Spent: $8.25 (82.5% of the budget).")]
    [InlineData("trailing@")]
    public void Break_FiguresAndSentences_Unchanged(string value) => Assert.Equal(value, AutoLinkBreaker.Break(value));
}
