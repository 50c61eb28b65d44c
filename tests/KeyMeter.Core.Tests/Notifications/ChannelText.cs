using System.Text.Json;

namespace KeyMeter.Core.Tests.Notifications;

/// <summary>One text a channel payload shows: where it is, whether it is markdown, and the text itself.</summary>
internal sealed record ChannelText(string Where, bool Markdown, string Text)
{
    /// <summary>
    /// Every text of a Teams card message: the fallback text, each TextBlock's <c>text</c>, each Fact's
    /// <c>title</c> and <c>value</c> (all rendered as markdown by Teams).
    /// </summary>
    public static IReadOnlyList<ChannelText> OfTeams(byte[] payload)
    {
        using var json = JsonDocument.Parse(payload);
        var card = json.RootElement.GetProperty("attachments")[0].GetProperty("content");
        var texts = new List<ChannelText> { new("fallbackText", true, card.GetProperty("fallbackText").GetString()!) };
        Walk(card.GetProperty("body"), element =>
        {
            var type = element.TryGetProperty("type", out var kind) ? kind.GetString() : null;
            if (type == "TextBlock")
            {
                texts.Add(new("TextBlock", true, element.GetProperty("text").GetString()!));
            }
            else if (type == "FactSet")
            {
                foreach (var fact in element.GetProperty("facts").EnumerateArray())
                {
                    texts.Add(new("Fact.title", true, fact.GetProperty("title").GetString()!));
                    texts.Add(new("Fact.value", true, fact.GetProperty("value").GetString()!));
                }
            }
        });
        return texts;
    }

    /// <summary>
    /// Every text of a Slack message: the fallback <c>text</c> (mrkdwn), and each text object's <c>text</c>
    /// (markdown when its type is mrkdwn), with a check that every mrkdwn object is <c>verbatim</c>.
    /// </summary>
    public static IReadOnlyList<ChannelText> OfSlack(byte[] payload)
    {
        using var json = JsonDocument.Parse(payload);
        var texts = new List<ChannelText> { new("text", true, json.RootElement.GetProperty("text").GetString()!) };
        Walk(json.RootElement.GetProperty("blocks"), element =>
        {
            if (element.TryGetProperty("type", out var kind) && kind.GetString() is "mrkdwn" or "plain_text" && element.TryGetProperty("text", out var text))
            {
                var mrkdwn = kind.GetString() == "mrkdwn";
                Assert.True(!mrkdwn || element.GetProperty("verbatim").GetBoolean(), "every mrkdwn object is verbatim");
                texts.Add(new(kind.GetString()!, mrkdwn, text.GetString()!));
            }
        });
        return texts;
    }

    private static void Walk(JsonElement element, Action<JsonElement> visit)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            visit(element);
            foreach (var property in element.EnumerateObject())
            {
                Walk(property.Value, visit);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                Walk(item, visit);
            }
        }
    }
}
