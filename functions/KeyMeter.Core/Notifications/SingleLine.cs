using System.Text;

namespace KeyMeter.Core.Notifications;

/// <summary>
/// Every text of a <see cref="NotificationMessage"/> is one line by contract, but names, emails, models and tags come
/// from outside. Before any channel escapes a text it passes here: each run of line breaks and other control
/// characters (CR, LF, tab, NEL, U+2028, U+2029, the rest of C0 and C1) becomes one space, so a value cannot start a
/// line of its own (a fake "More:" line, a markdown list or heading, a second mail header); and the bidirectional
/// embedding, override and isolate characters are dropped, so a value cannot reorder the text around it
/// (https://trojansource.codes/).
/// </summary>
internal static class SingleLine
{
    public static string Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Any(c => IsBreak(c) || IsBidiControl(c)))
        {
            return text;
        }

        var line = new StringBuilder(text.Length);
        var inBreak = false;
        foreach (var c in text)
        {
            if (IsBidiControl(c))
            {
                continue;
            }

            if (IsBreak(c))
            {
                if (!inBreak)
                {
                    line.Append(' ');
                }

                inBreak = true;
                continue;
            }

            inBreak = false;
            line.Append(c);
        }

        return line.ToString();
    }

    private static bool IsBreak(char c) => char.IsControl(c) || c is '\u2028' or '\u2029';

    private static bool IsBidiControl(char c) => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
