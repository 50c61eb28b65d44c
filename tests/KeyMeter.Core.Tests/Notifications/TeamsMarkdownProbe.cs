using System.Text;
using System.Text.RegularExpressions;

namespace KeyMeter.Core.Tests.Notifications;

/// <summary>
/// What a Teams client could make of a TextBlock or Fact text, read the way CommonMark (and Teams' older mobile
/// parser, for links) reads it: every construct that would not show as plain text, and the text it shows.
/// </summary>
internal static partial class TeamsMarkdownProbe
{
    public static IReadOnlyList<string> Markup(string text)
    {
        var found = new List<string>();
        if (text.AsSpan().ContainsAny('\r', '\n'))
        {
            found.Add("a line break");
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length && IsAsciiPunctuation(text[i + 1]))
            {
                i++;
                continue;
            }

            var intraword = i > 0 && i + 1 < text.Length && char.IsLetterOrDigit(text[i - 1]) && char.IsLetterOrDigit(text[i + 1]);
            if (c is '*' or '~' or '`' or '[' or ']' or '<' || (c == '_' && !intraword))
            {
                found.Add($"unescaped '{c}' at {i}");
            }

            if (c == '&' && i + 1 < text.Length && (char.IsAsciiLetter(text[i + 1]) || text[i + 1] == '#'))
            {
                found.Add($"an entity at {i}");
            }
        }

        if (text.Contains("](", StringComparison.Ordinal))
        {
            found.Add("']('");
        }

        if (text.StartsWith("    ", StringComparison.Ordinal) || LineStartBlock().IsMatch(text.TrimStart()))
        {
            found.Add("a list, heading, quote or code block");
        }

        if (text.Contains("{{", StringComparison.Ordinal))
        {
            found.Add("a {{DATE()}} or {{TIME()}} function");
        }

        found.AddRange(AutoLinks.Find(text));
        return found;
    }

    /// <summary>The text a CommonMark renderer shows: backslash escapes resolved, zero width spaces gone.</summary>
    public static string Display(string text)
    {
        var shown = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length && IsAsciiPunctuation(text[i + 1]))
            {
                i++;
            }

            shown.Append(text[i]);
        }

        return shown.ToString().Replace("\u200B", string.Empty, StringComparison.Ordinal);
    }

    // CommonMark: any ASCII punctuation character may be backslash-escaped.
    private static bool IsAsciiPunctuation(char c) => char.IsAscii(c) && (char.IsPunctuation(c) || char.IsSymbol(c));

    [GeneratedRegex(@"^(?:[-+*](?:\s|$)|-{2,}|={2,}|#{1,6}(?:\s|$)|>|\d{1,9}[.)](?:\s|$))")]
    private static partial Regex LineStartBlock();
}
