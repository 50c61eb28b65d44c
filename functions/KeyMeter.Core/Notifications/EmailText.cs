namespace KeyMeter.Core.Notifications;

/// <summary>
/// The plain-text parts of an email: the subject header and the lines of the text body (<see cref="PlainTextRenderer"/>).
/// Plain text has no markup to neutralise; what a value must not do there is start a line of its own, which in the
/// subject would be a second mail header (SMTP refuses a subject with CR or LF outright) and in the body a line that
/// looks like KeyMeter's. So both are one line (<see cref="SingleLine"/>), and a subject is at most
/// <see cref="MaxSubject"/> characters.
/// </summary>
public static class EmailText
{
    internal const int MaxSubject = 250;

    public static string Subject(string text)
    {
        var line = SingleLine.Of(text).Trim();
        if (line.Length <= MaxSubject)
        {
            return line;
        }

        var cut = char.IsHighSurrogate(line[MaxSubject - 2]) ? MaxSubject - 2 : MaxSubject - 1;
        return line[..cut] + "…";
    }

    public static string Line(string text) => SingleLine.Of(text);
}
