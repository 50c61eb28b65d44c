using System.Text;

namespace KeyMeter.Core.Notifications;

/// <summary>
/// Text for Slack (https://docs.slack.dev/messaging/formatting-message-text/): what goes in reads as plain text, and
/// nothing in it becomes a link, a mention, formatting or a quote. Links stay only where KeyMeter writes them
/// (<see cref="Link"/>, and the dashboard button).
/// <list type="number">
/// <item>One line (<see cref="SingleLine"/>), and a zero width space where Slack would find a URL, a domain, an e-mail
/// address or an <c>@here</c>/<c>@channel</c> mention by itself (<see cref="AutoLinkBreaker"/>), or a channel name
/// after <c>#</c>. The block builder also marks its mrkdwn text <c>verbatim</c>, which tells Slack not to look for
/// them (https://docs.slack.dev/reference/block-kit/composition-objects/text-object); the fallback <c>text</c> of a
/// message has no such switch, so breaking them in the text itself is what holds everywhere.</item>
/// <item><c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> as the entities Slack requires
/// (https://docs.slack.dev/messaging/formatting-message-text/#escaping): no <c>&lt;!channel&gt;</c>,
/// <c>&lt;@U…&gt;</c> or <c>&lt;url|label&gt;</c> can be formed.</item>
/// <item>For mrkdwn only (<see cref="Mrkdwn"/>): Slack has no escape for <c>* _ ~ `</c> (a backslash stays visible and
/// does not stop them), so they become look-alikes that Slack does not format (∗ ˍ ∼ ˋ), as jsx-slack does
/// (https://github.com/yhatt/jsx-slack); and a soft hyphen before a leading <c>&amp;gt;</c>, which Slack would
/// otherwise show as a quote.</item>
/// </list>
/// Values stay in mrkdwn rather than <c>plain_text</c> objects because labels are bold next to them, and because Slack
/// does not document whether clients link URLs found in <c>plain_text</c>; the steps above hold in both.
/// </summary>
internal static class SlackText
{
    private const char SoftHyphen = '\u00AD';

    /// <summary>For a <c>plain_text</c> object (the header): no formatting there, but the same entities and links.</summary>
    public static string Plain(string text) => Escape(text, mrkdwn: false);

    /// <summary>For a <c>mrkdwn</c> object and the message's fallback <c>text</c>; starts a line safely.</summary>
    public static string Mrkdwn(string text) => Escape(text, mrkdwn: true);

    /// <summary>KeyMeter's own link, <c>&lt;url|label&gt;</c>, with the URL escaped so it cannot end the link early.</summary>
    public static string Link(Uri url, string label)
    {
        ArgumentNullException.ThrowIfNull(url);
        var target = url.AbsoluteUri
            .Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "%3C", StringComparison.Ordinal)
            .Replace(">", "%3E", StringComparison.Ordinal)
            .Replace("|", "%7C", StringComparison.Ordinal);
        return "<" + target + "|" + Mrkdwn(label) + ">";
    }

    private static string Escape(string text, bool mrkdwn)
    {
        var line = AutoLinkBreaker.Break(SingleLine.Of(text));
        var escaped = new StringBuilder(line.Length + 16);
        var first = line.Length - line.AsSpan().TrimStart().Length;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            switch (c)
            {
                case '&':
                    escaped.Append("&amp;");
                    break;
                case '<':
                    escaped.Append("&lt;");
                    break;
                case '>':
                    escaped.Append(mrkdwn && i == first ? SoftHyphen + "&gt;" : "&gt;");
                    break;
                case '#' when i + 1 < line.Length && char.IsLetterOrDigit(line[i + 1]):
                    escaped.Append(c).Append(AutoLinkBreaker.ZeroWidthSpace);
                    break;
                default:
                    escaped.Append(mrkdwn ? LookAlike(c) : c);
                    break;
            }
        }

        return escaped.ToString();
    }

    private static char LookAlike(char c) => c switch
    {
        '*' => '\u2217',
        '\uFF0A' => '\uFE61',
        '_' => '\u02CD',
        '\uFF3F' => '\u2E0F',
        '~' => '\u223C',
        '`' or '\uFF40' => '\u02CB',
        _ => c,
    };
}
