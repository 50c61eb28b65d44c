using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace KeyMeter.Core.Notifications;

/// <summary>
/// The body a Slack incoming webhook takes: <c>text</c> (the plain-text rendering, shown in notifications and by
/// clients without Block Kit) and Block Kit <c>blocks</c> (https://api.slack.com/reference/block-kit/blocks). Limits
/// kept: at most 50 blocks, a header of 150 characters, section text of 3,000, ten fields of 2,000 per section.
/// Every text of the message goes through <see cref="SlackText"/>, and every mrkdwn object is <c>verbatim</c> (Slack
/// does not look for URLs, channels or mentions in it). KeyMeter's own markup is the bold of titles and labels, the
/// code block of a table, the dashboard button, and the one <c>&lt;url|label&gt;</c> link of the fallback text.
/// </summary>
public static class SlackBlocksBuilder
{
    internal const int MaxBlocks = 50;
    internal const int MaxHeader = 150;
    internal const int MaxSectionText = 3000;
    internal const int MaxFields = 10;
    internal const int MaxFieldText = 2000;
    internal const int MaxFallbackText = 3000;

    public static byte[] Build(NotificationMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var blocks = new List<Action<Utf8JsonWriter>>
        {
            json => Header(json, SlackText.Plain(message.Subject)),
            json => Section(json, SlackText.Mrkdwn(message.Summary)),
        };
        foreach (var section in message.Sections)
        {
            blocks.Add(Divider);
            var text = new StringBuilder("*").Append(SlackText.Mrkdwn(section.Title)).Append('*');
            foreach (var paragraph in section.Paragraphs)
            {
                text.Append('\n').Append(SlackText.Mrkdwn(paragraph));
            }

            var sectionText = text.ToString();
            blocks.Add(json => Section(json, sectionText));
            foreach (var chunk in section.Facts.Chunk(MaxFields))
            {
                blocks.Add(json => Fields(json, chunk));
            }

            if (section.Table is { } table)
            {
                var code = "```" + Truncate(TableText(table), MaxSectionText - 6) + "```";
                blocks.Add(json => Section(json, code));
            }
        }

        // Room for the link and the footer: a message over the limit is cut, and says so.
        var tail = new List<Action<Utf8JsonWriter>>();
        if (message.Link is { } link)
        {
            tail.Add(json => Button(json, link));
        }

        tail.Add(json => Context(json, SlackText.Mrkdwn("Sent by KeyMeter · figures in USD")));
        if (blocks.Count + tail.Count > MaxBlocks)
        {
            blocks = blocks.Take(MaxBlocks - tail.Count - 1).ToList();
            blocks.Add(json => Context(json, SlackText.Mrkdwn("(shortened: the email has everything)")));
        }

        blocks.AddRange(tail);
        var buffer = new ArrayBufferWriter<byte>(8192);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("text", Truncate(PlainTextRenderer.Render(message, SlackText.Mrkdwn, link => SlackText.Link(link, "Open the dashboard")), MaxFallbackText));
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
            json.WriteString("text", Truncate("*" + SlackText.Mrkdwn(fact.Label) + "*\n" + SlackText.Mrkdwn(fact.Value), MaxFieldText));
            json.WriteBoolean("verbatim", true);
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
        json.WriteString("text", text);
        json.WriteBoolean("verbatim", true);
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
        json.WriteBoolean("verbatim", true);
        json.WriteEndObject();
    }

    /// <summary>
    /// The table as aligned columns, for a code block (Block Kit has no table block for webhooks). Widths count the
    /// characters Slack shows: an entity shows as one, a zero width space as none.
    /// </summary>
    private static string TableText(MessageTable table)
    {
        var rows = new List<string[]> { Cells(table.Columns, table.Columns.Count) };
        rows.AddRange(table.Rows.Select(row => Cells(row, table.Columns.Count)));
        var widths = Enumerable.Range(0, table.Columns.Count).Select(i => rows.Max(row => row[i].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            var line = new StringBuilder();
            for (var i = 0; i < widths.Length; i++)
            {
                line.Append(i == 0 ? string.Empty : "  ").Append(SlackText.Mrkdwn(row[i])).Append(' ', widths[i] - row[i].Length);
            }

            text.Append(line.ToString().TrimEnd()).Append('\n');
        }

        return text.ToString().TrimEnd('\n');
    }

    private static string[] Cells(IReadOnlyList<string> row, int count) =>
        [.. Enumerable.Range(0, count).Select(i => SingleLine.Of(i < row.Count ? row[i] : string.Empty))];

    private static string Truncate(string text, int max) =>
        text.Length <= max ? text : string.Create(CultureInfo.InvariantCulture, $"{text[..(max - 1)]}…");
}
