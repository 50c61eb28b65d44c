using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace KeyMeter.Core.Notifications;

/// <summary>
/// The body a Slack incoming webhook takes: <c>text</c> (the plain-text rendering, shown in notifications and by
/// clients without Block Kit) and Block Kit <c>blocks</c> (https://api.slack.com/reference/block-kit/blocks). Limits
/// kept: at most 50 blocks, a header of 150 characters, section text of 3,000, ten fields of 2,000 per section.
/// Text is escaped for mrkdwn (<c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c>).
/// </summary>
internal static class SlackBlocksBuilder
{
    public const int MaxBlocks = 50;
    public const int MaxHeader = 150;
    public const int MaxSectionText = 3000;
    public const int MaxFields = 10;
    public const int MaxFieldText = 2000;
    public const int MaxFallbackText = 3000;

    public static byte[] Build(NotificationMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var blocks = new List<Action<Utf8JsonWriter>>
        {
            json => Header(json, message.Subject),
            json => Section(json, Escape(message.Summary)),
        };
        foreach (var section in message.Sections)
        {
            blocks.Add(Divider);
            var text = new StringBuilder("*").Append(Escape(section.Title)).Append('*');
            foreach (var paragraph in section.Paragraphs)
            {
                text.Append('\n').Append(Escape(paragraph));
            }

            var sectionText = text.ToString();
            blocks.Add(json => Section(json, sectionText));
            foreach (var chunk in section.Facts.Chunk(MaxFields))
            {
                blocks.Add(json => Fields(json, chunk));
            }

            if (section.Table is { } table)
            {
                var code = "```" + Escape(Truncate(TableText(table), MaxSectionText - 6)) + "```";
                blocks.Add(json => Section(json, code));
            }
        }

        // Room for the link and the footer: a message over the limit is cut, and says so.
        var tail = new List<Action<Utf8JsonWriter>>();
        if (message.Link is { } link)
        {
            tail.Add(json => Button(json, link));
        }

        tail.Add(json => Context(json, "Sent by KeyMeter · figures in USD"));
        if (blocks.Count + tail.Count > MaxBlocks)
        {
            blocks = blocks.Take(MaxBlocks - tail.Count - 1).ToList();
            blocks.Add(json => Context(json, "(shortened: the email has everything)"));
        }

        blocks.AddRange(tail);
        var buffer = new ArrayBufferWriter<byte>(8192);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("text", Truncate(PlainTextRenderer.Render(message), MaxFallbackText));
            json.WriteStartArray("blocks");
            foreach (var block in blocks)
            {
                block(json);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Slack's mrkdwn control characters (https://api.slack.com/reference/surfaces/formatting#escaping).</summary>
    public static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static void Header(Utf8JsonWriter json, string text)
    {
        json.WriteStartObject();
        json.WriteString("type", "header");
        PlainText(json, "text", Truncate(text, MaxHeader));
        json.WriteEndObject();
    }

    private static void Section(Utf8JsonWriter json, string mrkdwn)
    {
        json.WriteStartObject();
        json.WriteString("type", "section");
        Mrkdwn(json, "text", Truncate(mrkdwn, MaxSectionText));
        json.WriteEndObject();
    }

    private static void Fields(Utf8JsonWriter json, IEnumerable<MessageFact> facts)
    {
        json.WriteStartObject();
        json.WriteString("type", "section");
        json.WriteStartArray("fields");
        foreach (var fact in facts)
        {
            json.WriteStartObject();
            json.WriteString("type", "mrkdwn");
            json.WriteString("text", Truncate("*" + Escape(fact.Label) + "*\n" + Escape(fact.Value), MaxFieldText));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Divider(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("type", "divider");
        json.WriteEndObject();
    }

    private static void Button(Utf8JsonWriter json, Uri link)
    {
        json.WriteStartObject();
        json.WriteString("type", "actions");
        json.WriteStartArray("elements");
        json.WriteStartObject();
        json.WriteString("type", "button");
        PlainText(json, "text", "Open the dashboard");
        json.WriteString("url", link.AbsoluteUri);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Context(Utf8JsonWriter json, string text)
    {
        json.WriteStartObject();
        json.WriteString("type", "context");
        json.WriteStartArray("elements");
        json.WriteStartObject();
        json.WriteString("type", "mrkdwn");
        json.WriteString("text", Escape(text));
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void PlainText(Utf8JsonWriter json, string name, string text)
    {
        json.WriteStartObject(name);
        json.WriteString("type", "plain_text");
        json.WriteString("text", text);
        json.WriteBoolean("emoji", false);
        json.WriteEndObject();
    }

    private static void Mrkdwn(Utf8JsonWriter json, string name, string text)
    {
        json.WriteStartObject(name);
        json.WriteString("type", "mrkdwn");
        json.WriteString("text", text);
        json.WriteEndObject();
    }

    /// <summary>The table as aligned columns, for a code block (Block Kit has no table block for webhooks).</summary>
    private static string TableText(MessageTable table)
    {
        var widths = table.Columns.Select((column, index) =>
            Math.Max(column.Length, table.Rows.Count == 0 ? 0 : table.Rows.Max(row => index < row.Count ? row[index].Length : 0))).ToArray();
        var text = new StringBuilder();
        Line(text, table.Columns, widths);
        foreach (var row in table.Rows)
        {
            Line(text, row, widths);
        }

        return text.ToString().TrimEnd('\n');
    }

    private static void Line(StringBuilder text, IReadOnlyList<string> cells, int[] widths)
    {
        var line = new StringBuilder();
        for (var i = 0; i < widths.Length; i++)
        {
            line.Append(i == 0 ? string.Empty : "  ").Append((i < cells.Count ? cells[i] : string.Empty).PadRight(widths[i]));
        }

        text.Append(line.ToString().TrimEnd()).Append('\n');
    }

    private static string Truncate(string text, int max) =>
        text.Length <= max ? text : string.Create(CultureInfo.InvariantCulture, $"{text[..(max - 1)]}…");
}
