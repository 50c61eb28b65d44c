using System.Text;

namespace KeyMeter.Core.Notifications;

/// <summary>
/// The plain-text rendering of a <see cref="NotificationMessage"/>: the text part of an email, the preview's
/// <c>format=text</c>, and the fallback text of Slack. Facts read as <c>Label: value</c>, tables as aligned columns.
/// </summary>
internal static class PlainTextRenderer
{
    public static string Render(NotificationMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = new StringBuilder();
        text.Append(message.Subject).Append('\n');
        text.Append('=', Math.Min(message.Subject.Length, 72)).Append("\n\n");
        text.Append(message.Summary).Append('\n');
        foreach (var section in message.Sections)
        {
            text.Append('\n').Append(section.Title).Append('\n');
            text.Append('-', Math.Min(section.Title.Length, 72)).Append('\n');
            foreach (var paragraph in section.Paragraphs)
            {
                text.Append(paragraph).Append('\n');
            }

            AppendFacts(text, section.Facts);
            if (section.Table is { } table)
            {
                AppendTable(text, table);
            }
        }

        if (message.Link is { } link)
        {
            text.Append("\nMore: ").Append(link.AbsoluteUri).Append('\n');
        }

        return text.ToString();
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
