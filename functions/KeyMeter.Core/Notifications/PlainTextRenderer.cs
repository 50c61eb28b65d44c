using System.Text;

namespace KeyMeter.Core.Notifications;

/// <summary>
/// The plain-text rendering of a <see cref="NotificationMessage"/>: the text part of an email and the preview's
/// <c>format=text</c>, and, with Slack's escaping, the fallback text of Slack. Facts read as <c>Label: value</c>,
/// tables as aligned columns. Every text of the message goes through <c>text</c> (by default
/// <see cref="EmailText.Line"/>: one line each), the link through <c>link</c>.
/// </summary>
public static class PlainTextRenderer
{
    public static string Render(NotificationMessage message) => Render(message, EmailText.Line, link => link.AbsoluteUri);

    public static string Render(NotificationMessage message, Func<string, string> text, Func<Uri, string> link)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(link);
        var output = new StringBuilder();
        var subject = text(message.Subject);
        output.Append(subject).Append('\n');
        output.Append('=', Math.Min(subject.Length, 72)).Append("\n\n");
        output.Append(text(message.Summary)).Append('\n');
        foreach (var section in message.Sections)
        {
            var title = text(section.Title);
            output.Append('\n').Append(title).Append('\n');
            output.Append('-', Math.Min(title.Length, 72)).Append('\n');
            foreach (var paragraph in section.Paragraphs)
            {
                output.Append(text(paragraph)).Append('\n');
            }

            AppendFacts(output, [.. section.Facts.Select(fact => new MessageFact(text(fact.Label), text(fact.Value)))]);
            if (section.Table is { } table)
            {
                AppendTable(output, new MessageTable(
                    [.. table.Columns.Select(text)],
                    [.. table.Rows.Select(row => (IReadOnlyList<string>)[.. row.Select(text)])]));
            }
        }

        if (message.Link is { } url)
        {
            output.Append("\nMore: ").Append(link(url)).Append('\n');
        }

        return output.ToString();
    }

    private static void AppendFacts(StringBuilder text, IReadOnlyList<MessageFact> facts)
    {
        var width = facts.Count == 0 ? 0 : facts.Max(fact => fact.Label.Length) + 1;
        foreach (var fact in facts)
        {
            text.Append((fact.Label + ":").PadRight(width + 1)).Append(fact.Value).Append('\n');
        }
    }

    private static void AppendTable(StringBuilder text, MessageTable table)
    {
        var widths = table.Columns.Select((column, index) =>
            Math.Max(column.Length, table.Rows.Count == 0 ? 0 : table.Rows.Max(row => Cell(row, index).Length))).ToArray();
        AppendRow(text, table.Columns, widths);
        AppendRow(text, [.. widths.Select(width => new string('-', width))], widths);
        foreach (var row in table.Rows)
        {
            AppendRow(text, row, widths);
        }
    }

    private static void AppendRow(StringBuilder text, IReadOnlyList<string> cells, int[] widths)
    {
        var line = new StringBuilder();
        for (var i = 0; i < widths.Length; i++)
        {
            line.Append(i == 0 ? string.Empty : "  ").Append(Cell(cells, i).PadRight(widths[i]));
        }

        text.Append(line.ToString().TrimEnd()).Append('\n');
    }

    private static string Cell(IReadOnlyList<string> row, int index) => index < row.Count ? row[index] : string.Empty;
}
