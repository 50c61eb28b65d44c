using System.Text;

namespace KeyMeter.Core.Notifications;

/// <summary>
/// Chat clients turn text that looks like a link into one by themselves: Slack links bare URLs, domains, e-mail
/// addresses and <c>@here</c>/<c>@channel</c>; Teams' markdown renderers may "linkify" URLs and addresses. Escaping the
/// markup does not stop that, so the chat escapers (<see cref="TeamsText"/>, <see cref="SlackText"/>) first put a zero
/// width space (U+200B) where a link or a mention would be recognised: after every <c>@</c>, after a <c>:</c> that is
/// followed by a letter or a <c>/</c> (<c>http:</c>, <c>mailto:</c>), between the two slashes of <c>//</c>, and after
/// a dot (also the full-width and ideographic ones) that is followed by a letter (<c>evil.example</c>, <c>www.</c>).
/// The text reads the same; a reader copying an address gets the invisible character with it, which is the price of
/// an address that cannot be clicked. Amounts (<c>$1,234.56</c>), dates, times and "Label: value" are untouched.
/// </summary>
internal static class AutoLinkBreaker
{
    public const char ZeroWidthSpace = '\u200B';

    public static string Break(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        StringBuilder? broken = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            if (!BreaksAfter(c, next))
            {
                broken?.Append(c);
                continue;
            }

            broken ??= new StringBuilder(text.Length + 16).Append(text, 0, i);
            broken.Append(c).Append(ZeroWidthSpace);
        }

        return broken?.ToString() ?? text;
    }

    private static bool BreaksAfter(char c, char next) => next != '\0' && next != ZeroWidthSpace && c switch
    {
        '@' or '\uFF20' => true,
        ':' => next == '/' || char.IsLetter(next),
        '/' => next == '/',
        '.' or '\u3002' or '\uFF0E' or '\uFF61' => char.IsLetter(next),
        _ => false,
    };
}
