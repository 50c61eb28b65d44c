using System.Text.RegularExpressions;

namespace KeyMeter.Core.Tests.Notifications;

/// <summary>
/// What Slack could make of a text object or a message's fallback text: every construct that would not show as
/// plain text, and the text it shows. KeyMeter's own markup is set aside first: a line that is a bold title or label
/// (<c>*Budget*</c>), the code fence around a table, and its dashboard link.
/// </summary>
internal static partial class SlackMrkdwnProbe
{
    public static readonly string OwnLink = "<" + HostileMessages.Dashboard.AbsoluteUri + "|Open the dashboard>";

    public static IReadOnlyList<string> Markup(string text, bool mrkdwn)
    {
        var rest = text.Replace(OwnLink, string.Empty, StringComparison.Ordinal);
        if (mrkdwn)
        {
            rest = BoldLine().Replace(rest, "$1");
            if (rest.StartsWith("```", StringComparison.Ordinal) && rest.EndsWith("```", StringComparison.Ordinal) && rest.Length >= 6)
            {
                rest = rest[3..^3];
            }
        }

        var found = new List<string>();
        foreach (Match control in Control().Matches(rest))
        {
            found.Add($"control '{control.Value}'");
        }

        if (mrkdwn)
        {
            found.AddRange(Formatting().Matches(rest).Select(match => $"formatting '{match.Value}'"));
            found.AddRange(rest.Split('\n').Where(line => line.TrimStart().StartsWith("&gt;", StringComparison.Ordinal)).Select(_ => "a quote"));
            found.AddRange(Emoji().Matches(rest).Select(match => $"emoji '{match.Value}'"));
        }

        found.AddRange(AutoLinks.Find(rest));
        found.AddRange(Channel().Matches(rest).Select(match => $"channel '{match.Value}'"));
        return found;
    }

    /// <summary>The text Slack shows: entities decoded, look-alikes read as what they stand for, invisible characters gone.</summary>
    public static string Display(string text) => text
        .Replace("\u200B", string.Empty, StringComparison.Ordinal)
        .Replace("\u00AD", string.Empty, StringComparison.Ordinal)
        .Replace('\u2217', '*').Replace('\u02CD', '_').Replace('\u223C', '~').Replace('\u02CB', '`')
        .Replace("&lt;", "<", StringComparison.Ordinal)
        .Replace("&gt;", ">", StringComparison.Ordinal)
        .Replace("&amp;", "&", StringComparison.Ordinal);

    [GeneratedRegex(@"(?m)^\*([^*\n]+)\*$")]
    private static partial Regex BoldLine();

    // '<' and '>' are never bare; '&' only as one of the three entities Slack decodes.
    [GeneratedRegex(@"[<>]|&(?!amp;|lt;|gt;)")]
    private static partial Regex Control();

    [GeneratedRegex(@"[*_~`\uFF0A\uFF3F\uFF40]")]
    private static partial Regex Formatting();

    [GeneratedRegex(@"#[a-z0-9]", RegexOptions.IgnoreCase)]
    private static partial Regex Channel();

    [GeneratedRegex(@":[a-z0-9_+\-]*[a-z][a-z0-9_+\-]*:", RegexOptions.IgnoreCase)]
    private static partial Regex Emoji();
}
