using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace KeyMeter.Core.Notifications;

/// <summary>
/// The body a Microsoft Teams Workflows webhook ("Post to a channel when a webhook request is received") takes: a
/// <c>message</c> whose one attachment is an Adaptive Card 1.4
/// (https://learn.microsoft.com/microsoftteams/platform/webhooks-and-connectors/how-to/connectors-using). Only 1.0-era
/// elements (TextBlock, FactSet, ColumnSet, Action.OpenUrl) so every Teams client renders it; a table keeps its first
/// <see cref="MaxTableRows"/> rows and says how many more there are, which keeps a card far below Teams' ~28 KB limit.
/// Every text of the message reaches a <c>TextBlock</c> or <c>Fact</c> through <see cref="TeamsText"/>; KeyMeter's own
/// emphasis is in element properties (<c>weight</c>, <c>color</c>) and its link is the <c>Action.OpenUrl</c> button.
/// </summary>
public static class TeamsCardBuilder
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";
    internal const string CardVersion = "1.4";
    internal const int MaxTableRows = 15;

    public static byte[] Build(NotificationMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var buffer = new ArrayBufferWriter<byte>(8192);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", "message");
            json.WriteStartArray("attachments");
            json.WriteStartObject();
            json.WriteString("contentType", ContentType);
            json.WriteNull("contentUrl");
            json.WriteStartObject("content");
            json.WriteString("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
            json.WriteString("type", "AdaptiveCard");
            json.WriteString("version", CardVersion);
            json.WriteString("fallbackText", TeamsText.Escape(message.Subject) + ": " + TeamsText.Escape(message.Summary));
            json.WriteStartObject("msteams");
            json.WriteString("width", "Full");
            json.WriteEndObject();
            json.WriteStartArray("body");
            TextBlock(json, TeamsText.Escape(message.Subject), size: "Medium", weight: "Bolder", color: Color(message.Severity));
            TextBlock(json, TeamsText.Escape(message.Summary));
            foreach (var section in message.Sections)
            {
                TextBlock(json, TeamsText.Escape(section.Title), weight: "Bolder", separator: true);
                foreach (var paragraph in section.Paragraphs)
                {
                    TextBlock(json, TeamsText.Escape(paragraph));
                }

                if (section.Facts.Count > 0)
                {
                    FactSet(json, section.Facts);
                }

                if (section.Table is { } table)
                {
                    Table(json, table);
                }
            }

            json.WriteEndArray();
            if (message.Link is { } link)
            {
                json.WriteStartArray("actions");
                json.WriteStartObject();
                json.WriteString("type", "Action.OpenUrl");
                json.WriteString("title", "Open the dashboard");
                json.WriteString("url", link.AbsoluteUri);
                json.WriteEndObject();
                json.WriteEndArray();
            }

            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void TextBlock(Utf8JsonWriter json, string text, string? size = null, string? weight = null, string? color = null, bool separator = false, bool subtle = false)
    {
        json.WriteStartObject();
        json.WriteString("type", "TextBlock");
        json.WriteString("text", text);
        json.WriteBoolean("wrap", true);
        if (size is not null)
        {
            json.WriteString("size", size);
        }

        if (weight is not null)
        {
            json.WriteString("weight", weight);
        }

        if (color is not null)
        {
            json.WriteString("color", color);
        }

        if (separator)
        {
            json.WriteBoolean("separator", true);
            json.WriteString("spacing", "Medium");
        }

        if (subtle)
        {
            json.WriteBoolean("isSubtle", true);
        }

        json.WriteEndObject();
    }

    private static void FactSet(Utf8JsonWriter json, IReadOnlyList<MessageFact> facts)
    {
        json.WriteStartObject();
        json.WriteString("type", "FactSet");
        json.WriteStartArray("facts");
        foreach (var fact in facts)
        {
            json.WriteStartObject();
            json.WriteString("title", TeamsText.Escape(fact.Label));
            json.WriteString("value", TeamsText.Escape(fact.Value));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>A header row and one ColumnSet per row, the first column wider (it holds the name).</summary>
    private static void Table(Utf8JsonWriter json, MessageTable table)
    {
        Row(json, table.Columns, header: true);
        foreach (var row in table.Rows.Take(MaxTableRows))
        {
            Row(json, row, header: false);
        }

        if (table.Rows.Count > MaxTableRows)
        {
            TextBlock(json, string.Create(CultureInfo.InvariantCulture, $"… and {table.Rows.Count - MaxTableRows} more"), subtle: true);
        }
    }

    private static void Row(Utf8JsonWriter json, IReadOnlyList<string> cells, bool header)
    {
        json.WriteStartObject();
        json.WriteString("type", "ColumnSet");
        json.WriteStartArray("columns");
        for (var i = 0; i < cells.Count; i++)
        {
            json.WriteStartObject();
            json.WriteString("type", "Column");
            json.WriteString("width", i == 0 ? "stretch" : "auto");
            json.WriteStartArray("items");
            TextBlock(json, TeamsText.Escape(cells[i]), weight: header ? "Bolder" : null);
            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static string? Color(NotificationSeverity severity) => severity switch
    {
        NotificationSeverity.Critical => "Attention",
        NotificationSeverity.Warning => "Warning",
        _ => null,
    };
}
