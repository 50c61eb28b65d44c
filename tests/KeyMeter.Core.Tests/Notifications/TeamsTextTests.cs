using KeyMeter.Core.Notifications;

namespace KeyMeter.Core.Tests.Notifications;

public sealed class TeamsTextTests
{
    [Theory]
    [InlineData("[renew your key](http://evil.example/phish)", "\\[renew your key\\]\\(http:\u200B/\u200B/evil.\u200Bexample/phish)")]
    [InlineData("*bold* **strong** _it_ ~~gone~~ `code`", "\\*bold\\* \\*\\*strong\\*\\* \\_it\\_ \\~\\~gone\\~\\~ \\`code\\`")]
    [InlineData("<https://evil.example>", "\\<https:\u200B/\u200B/evil.\u200Bexample>")]
    [InlineData("<at>Finance</at>", "\\<at>Finance\\</at>")]
    [InlineData("_it_ a _b_ c__d__", "\\_it\\_ a \\_b\\_ c\\_\\_d\\_\\_")]
    [InlineData("- item", "\\- item")]
    [InlineData("+ item", "\\+ item")]
    [InlineData("---", "\\---")]
    [InlineData("# Heading", "\\# Heading")]
    [InlineData("###### Heading", "\\###### Heading")]
    [InlineData("> quoted", "\\> quoted")]
    [InlineData("1. first", "1\\. first")]
    [InlineData("12) twelfth", "12\\) twelfth")]
    [InlineData("    indented code", "indented code")]
    [InlineData("{{DATE(2017-02-14T06:00:00Z, SHORT)}}", "{\u200B{DATE(2017-02-14T06:00:00Z, SHORT)}}")]
    [InlineData("{{{TIME(2017-02-14T06:00:00Z)}}}", "{\u200B{\u200B{TIME(2017-02-14T06:00:00Z)}}}")]
    [InlineData("back\\slash\\", "back\\\\slash\\\\")]
    [InlineData("&lt;b&gt; & co &#42;", "\\&lt;b\\&gt; & co \\&#42;")]
    [InlineData("ok\r\n- item\n# Heading", "ok - item # Heading")]
    [InlineData("alice@example.com", "alice@\u200Bexample.\u200Bcom")]
    public void Escape_Markup_ShownAsText(string value, string expected) => Assert.Equal(expected, TeamsText.Escape(value));

    [Theory]
    [InlineData("alice-laptop")]
    [InlineData("gpt-4o-mini")]
    [InlineData("KeyMeter daily digest 2026-12-01: $1,234.56")]
    [InlineData("+350%")]
    [InlineData("-$2.00")]
    [InlineData("1 request(s) ($3.00) in night hours, at 23:00.")]
    [InlineData("Key alice-laptop (key_0123) reached 80% of its daily budget; 1.5 left")]
    [InlineData("PATCH /manage/keys/{id} with a higher budgets value.")]
    [InlineData("1.5x faster")]
    [InlineData("snake_case_name")]
    [InlineData("2026 was a year")]
    public void Escape_PlainText_Unchanged(string value) => Assert.Equal(value, TeamsText.Escape(value));
}
