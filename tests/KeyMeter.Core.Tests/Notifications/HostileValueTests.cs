using System.Net;
using System.Text.RegularExpressions;
using KeyMeter.Core.Notifications;

namespace KeyMeter.Core.Tests.Notifications;

/// <summary>
/// Every value KeyMeter does not control (key name, owner, developer, project tag, model, source), in an alert and in a
/// digest, with each hostile value below, through the real composers and every channel's real renderer: the value is
/// shown, as the text it is, and nowhere becomes a link, a mention, markup, a new line or a mail header.
/// </summary>
public sealed partial class HostileValueTests
{
    /// <summary>Hostile values, and the text each should show (line breaks become spaces).</summary>
    private static readonly (string Value, string Shown)[] Values =
    [
        ("[renew your key](http://evil.example/phish)", "[renew your key](http://evil.example/phish)"),
        ("http://evil.example/login", "http://evil.example/login"),
        ("www.evil.example or evil.example/x", "www.evil.example or evil.example/x"),
        ("<script>alert(1)</script>", "<script>alert(1)</script>"),
        ("<img src=x onerror=alert(1)>\"'", "<img src=x onerror=alert(1)>\"'"),
        ("<!channel> <!here> <@U024BE7LH>", "<!channel> <!here> <@U024BE7LH>"),
        ("<https://evil.example|renew your key>", "<https://evil.example|renew your key>"),
        ("@here @channel finance@evil.example", "@here @channel finance@evil.example"),
        ("*bold* **strong** _it_ ~gone~ `code`", "*bold* **strong** _it_ ~gone~ `code`"),
        ("- item", "- item"),
        ("# Heading", "# Heading"),
        ("> quote", "> quote"),
        ("1. first", "1. first"),
        ("ok\r\n- item\r\n# Heading\n> quote\n1. one\nMore: http://evil.example\nBcc: victim@example.com", "ok - item # Heading > quote 1. one More: http://evil.example Bcc: victim@example.com"),
        ("{{DATE(2017-02-14T06:00:00Z, SHORT)}}", "{{DATE(2017-02-14T06:00:00Z, SHORT)}}"),
        (":rotating_light: #general &amp; &#42;", ":rotating_light: #general &amp; &#42;"),
    ];

    public static TheoryData<HostileField, int> Cases()
    {
        var cases = new TheoryData<HostileField, int>();
        foreach (var field in Enum.GetValues<HostileField>())
        {
            for (var i = 0; i < Values.Length; i++)
            {
                cases.Add(field, i);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TeamsCard_HostileValue_ShownAsTextNeverMarkup(HostileField field, int value)
    {
        var (hostile, shown) = Values[value];

        var texts = ChannelText.OfTeams(TeamsCardBuilder.Build(HostileMessages.Compose(field, hostile)));

        Assert.All(texts, text => Assert.True(TeamsMarkdownProbe.Markup(text.Text).Count == 0, Explain(text, TeamsMarkdownProbe.Markup(text.Text))));
        Assert.Contains(texts, text => TeamsMarkdownProbe.Display(text.Text).Contains(shown, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void SlackBlocks_HostileValue_ShownAsTextNeverMarkup(HostileField field, int value)
    {
        var (hostile, shown) = Values[value];

        var texts = ChannelText.OfSlack(SlackBlocksBuilder.Build(HostileMessages.Compose(field, hostile)));

        Assert.All(texts, text => Assert.True(SlackMrkdwnProbe.Markup(text.Text, text.Markdown).Count == 0, Explain(text, SlackMrkdwnProbe.Markup(text.Text, text.Markdown))));
        Assert.Contains(texts, text => text.Where != "text" && SlackMrkdwnProbe.Display(text.Text).Contains(shown, StringComparison.Ordinal));
        Assert.Contains(SlackMrkdwnProbe.OwnLink, texts[0].Text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void SlackFallbackText_HostileValue_ShownAsTextNeverMarkup(HostileField field, int value)
    {
        var (hostile, shown) = Values[value];

        var fallback = ChannelText.OfSlack(SlackBlocksBuilder.Build(HostileMessages.Compose(field, hostile)))[0];

        Assert.Equal("text", fallback.Where);
        Assert.Empty(SlackMrkdwnProbe.Markup(fallback.Text, mrkdwn: true));
        Assert.Contains(shown, SlackMrkdwnProbe.Display(fallback.Text), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EmailHtml_HostileValue_EncodedNeverATagOrAttribute(HostileField field, int value)
    {
        var (hostile, shown) = Values[value];

        var html = HtmlRenderer.Render(HostileMessages.Compose(field, hostile));

        for (var at = html.IndexOf('<', StringComparison.Ordinal); at >= 0; at = html.IndexOf('<', at + 1))
        {
            var tag = OwnTag().Match(html, at);
            Assert.True(tag.Success && tag.Index == at, "not one of the renderer's tags: " + html[at..Math.Min(html.Length, at + 60)]);
            Assert.All(tag.Groups["name"].Captures, name => Assert.Contains(name.Value, OwnAttributes));
        }

        Assert.Single(Href().Matches(html));
        Assert.Contains(shown, WebUtility.HtmlDecode(AnyTag().Replace(html, " ")), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EmailText_HostileValue_NoLineOrHeaderOfItsOwn(HostileField field, int value)
    {
        var (hostile, shown) = Values[value];
        var message = HostileMessages.Compose(field, hostile);

        var text = PlainTextRenderer.Render(message);
        var subject = EmailText.Subject(message.Subject);

        Assert.DoesNotContain('\r', text);
        var lines = text.Split('\n');
        Assert.Contains(lines, line => line.Contains(shown, StringComparison.Ordinal));
        foreach (var injected in hostile.ReplaceLineEndings("\n").Split('\n').Skip(1))
        {
            Assert.DoesNotContain(lines, line => line.StartsWith(injected, StringComparison.Ordinal));
        }

        Assert.DoesNotContain(subject, char.IsControl);
        if (field == HostileField.AlertKeyName)
        {
            Assert.Contains(shown, subject, StringComparison.Ordinal);
        }
    }

    private static readonly string[] OwnAttributes = ["lang", "charset", "style", "role", "scope", "href"];

    private static string Explain(ChannelText text, IReadOnlyList<string> found) =>
        $"{text.Where} '{text.Text}': {string.Join("; ", found)}";

    [GeneratedRegex(@"\G<(?:!DOCTYPE html|/?(?:html|head|meta|title|body|div|h1|h2|p|table|thead|tbody|tr|th|td|a)(?: (?<name>[a-z-]+)=""[^""<>]*"")*)>")]
    private static partial Regex OwnTag();

    [GeneratedRegex(@"href=""https://keymeter\.example\.com/dashboard""")]
    private static partial Regex Href();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex AnyTag();
}
