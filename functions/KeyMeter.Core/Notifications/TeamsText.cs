using System.Text;

namespace KeyMeter.Core.Notifications;

/// <summary>
/// Text for an Adaptive Card <c>TextBlock</c> or <c>Fact</c> in Teams, which render a subset of CommonMark
/// (https://learn.microsoft.com/adaptive-cards/authoring-cards/text-features,
/// https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/cards-format): what goes in reads as
/// plain text, and nothing in it becomes a link, emphasis, code, a list, a heading or a quote.
/// <list type="number">
/// <item>One line (<see cref="SingleLine"/>), no leading blanks (four would make a code block), and no link to click
/// (<see cref="AutoLinkBreaker"/>).</item>
/// <item>A backslash before every <c>\ * ~ `</c>, <c>[ ]</c> and <c>&lt;</c> (CommonMark's backslash escapes); before
/// every <c>_</c> but one between two letters or digits (<c>key_0123</c>, which CommonMark never reads as emphasis);
/// before a <c>(</c> that follows a <c>]</c>, because the older Adaptive Cards parser of Teams mobile makes <c>](</c> a
/// link even after a backslash (MarkDownBlockParser.cpp in https://github.com/microsoft/AdaptiveCards); and before a
/// <c>&amp;</c> that would start an entity.</item>
/// <item>At the start of the line, a backslash before a list marker (<c>- </c>, <c>+ </c>, <c>--</c>), a heading
/// (<c>#</c>), a quote (<c>&gt;</c>), or the <c>.</c> or <c>)</c> of a numbered list (<c>1. </c>).</item>
/// <item>A zero width space inside <c>{{</c>, so <c>{{DATE(…)}}</c> and <c>{{TIME(…)}}</c> are not evaluated.</item>
/// </list>
/// Hyphens, plus signs, dots and parentheses inside the text stay as they are (<c>gpt-4o-mini</c>, <c>+350%</c>,
/// <c>request(s)</c>). KeyMeter's own formatting (bold titles, colours, the dashboard button) lives in card properties,
/// never in the text, so every text of a card goes through here.
/// </summary>
internal static class TeamsText
{
    public static string Escape(string text)
    {
        var line = AutoLinkBreaker.Break(SingleLine.Of(text).TrimStart());
        var escaped = new StringBuilder(line.Length + 16);
        var start = LineStartMarker(line);
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (i == start || NeedsBackslash(line, i))
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
            if (c == '{' && i + 1 < line.Length && line[i + 1] == '{')
            {
                escaped.Append(AutoLinkBreaker.ZeroWidthSpace);
            }
        }

        return escaped.ToString();
    }

    private static bool NeedsBackslash(string line, int i) => line[i] switch
    {
        '\\' or '*' or '~' or '`' or '[' or ']' or '<' => true,
        '_' => !(i > 0 && i + 1 < line.Length && char.IsLetterOrDigit(line[i - 1]) && char.IsLetterOrDigit(line[i + 1])),
        '(' => i > 0 && line[i - 1] == ']',
        '&' => i + 1 < line.Length && (char.IsAsciiLetter(line[i + 1]) || line[i + 1] == '#'),
        _ => false,
    };

    /// <summary>The index of the character that would make the line a list item, heading or quote, or -1.</summary>
    private static int LineStartMarker(string line)
    {
        if (line.Length == 0)
        {
            return -1;
        }

        var next = line.Length > 1 ? line[1] : ' ';
        switch (line[0])
        {
            case '#' or '>':
                return 0;
            case '-':
                return next is ' ' or '-' ? 0 : -1;
            case '+':
                return next == ' ' ? 0 : -1;
        }

        // CommonMark's ordered list: one to nine digits, then "." or ")", then a blank or the end of the line.
        var digits = 0;
        while (digits < line.Length && char.IsAsciiDigit(line[digits]))
        {
            digits++;
        }

        return digits is >= 1 and <= 9 && digits < line.Length && line[digits] is '.' or ')'
            && (digits + 1 == line.Length || line[digits + 1] == ' ')
            ? digits
            : -1;
    }
}
