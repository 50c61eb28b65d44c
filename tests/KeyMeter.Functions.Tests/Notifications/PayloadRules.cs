using System.Text.Json;

namespace KeyMeter.Functions.Tests.Notifications;

/// <summary>
/// What a receiver requires of a payload, checked element by element: the Teams Workflows "post card" message
/// (an Adaptive Card 1.4 attachment; https://adaptivecards.io/explorer/, https://learn.microsoft.com/connectors/teams/)
/// and Slack's incoming webhook Block Kit (https://api.slack.com/reference/block-kit/blocks: at most 50 blocks,
/// header text plain_text ≤ 150, section text ≤ 3000, ≤ 10 fields of ≤ 2000, button url ≤ 3000).
/// </summary>
internal static class PayloadRules
{
    private static readonly HashSet<string> CardElements = ["TextBlock", "FactSet", "ColumnSet", "Container", "Image", "RichTextBlock"];
    private static readonly HashSet<string> TextSizes = ["Default", "Small", "Medium", "Large", "ExtraLarge"];
    private static readonly HashSet<string> TextWeights = ["Default", "Lighter", "Bolder"];
    private static readonly HashSet<string> TextColors = ["Default", "Dark", "Light", "Accent", "Good", "Warning", "Attention"];

    public static void AssertAdaptiveCardMessage(JsonElement root)
    {
        Assert.Equal("message", root.GetProperty("type").GetString());
        var attachment = Assert.Single(root.GetProperty("attachments").EnumerateArray());
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.GetProperty("contentType").GetString());
        var card = attachment.GetProperty("content");
        Assert.Equal("AdaptiveCard", card.GetProperty("type").GetString());
        Assert.Equal("http://adaptivecards.io/schemas/adaptive-card.json", card.GetProperty("$schema").GetString());
        Assert.True(Version.Parse(card.GetProperty("version").GetString()!) <= new Version(1, 5), "Teams renders Adaptive Cards up to 1.5");
        var body = card.GetProperty("body").EnumerateArray().ToList();
        Assert.NotEmpty(body);
        body.ForEach(AssertCardElement);
        if (card.TryGetProperty("actions", out var actions))
        {
            foreach (var action in actions.EnumerateArray())
            {
                Assert.Equal("Action.OpenUrl", action.GetProperty("type").GetString());
                Assert.True(Uri.TryCreate(action.GetProperty("url").GetString(), UriKind.Absolute, out _));
                Assert.False(string.IsNullOrEmpty(action.GetProperty("title").GetString()));
            }
        }
    }

    private static void AssertCardElement(JsonElement element)
    {
        var type = element.GetProperty("type").GetString()!;
        Assert.Contains(type, CardElements);
        switch (type)
        {
            case "TextBlock":
                Assert.Equal(JsonValueKind.String, element.GetProperty("text").ValueKind);
                AssertOneOf(element, "size", TextSizes);
                AssertOneOf(element, "weight", TextWeights);
                AssertOneOf(element, "color", TextColors);
                break;
            case "FactSet":
                Assert.All(element.GetProperty("facts").EnumerateArray(), fact =>
                {
                    Assert.Equal(JsonValueKind.String, fact.GetProperty("title").ValueKind);
                    Assert.Equal(JsonValueKind.String, fact.GetProperty("value").ValueKind);
                });
                break;
            case "ColumnSet":
                Assert.All(element.GetProperty("columns").EnumerateArray(), column =>
                {
                    Assert.Equal("Column", column.GetProperty("type").GetString());
                    if (column.TryGetProperty("items", out var items))
                    {
                        Assert.All(items.EnumerateArray(), AssertCardElement);
                    }
                });
                break;
            case "Container":
                Assert.All(element.GetProperty("items").EnumerateArray(), AssertCardElement);
                break;
        }
    }

    private static void AssertOneOf(JsonElement element, string property, HashSet<string> allowed)
    {
        if (element.TryGetProperty(property, out var value))
        {
            Assert.Contains(value.GetString()!, allowed);
        }
    }

    public static void AssertBlockKit(JsonElement root)
    {
        var fallback = root.GetProperty("text").GetString();
        Assert.False(string.IsNullOrWhiteSpace(fallback));
        var blocks = root.GetProperty("blocks").EnumerateArray().ToList();
        Assert.InRange(blocks.Count, 1, 50);
        foreach (var block in blocks)
        {
            switch (block.GetProperty("type").GetString())
            {
                case "header":
                    AssertText(block.GetProperty("text"), "plain_text", 150);
                    break;
                case "section":
                    Assert.True(block.TryGetProperty("text", out _) || block.TryGetProperty("fields", out _), "a section needs text or fields");
                    if (block.TryGetProperty("text", out var text))
                    {
                        AssertText(text, null, 3000);
                    }

                    if (block.TryGetProperty("fields", out var fields))
                    {
                        Assert.InRange(fields.GetArrayLength(), 1, 10);
                        Assert.All(fields.EnumerateArray(), field => AssertText(field, null, 2000));
                    }

                    break;
                case "divider":
                    break;
                case "context":
                    Assert.InRange(block.GetProperty("elements").GetArrayLength(), 1, 10);
                    Assert.All(block.GetProperty("elements").EnumerateArray(), element => AssertText(element, null, 3000));
                    break;
                case "actions":
                    Assert.All(block.GetProperty("elements").EnumerateArray(), button =>
                    {
                        Assert.Equal("button", button.GetProperty("type").GetString());
                        AssertText(button.GetProperty("text"), "plain_text", 75);
                        Assert.InRange(button.GetProperty("url").GetString()!.Length, 1, 3000);
                    });
                    break;
                default:
                    Assert.Fail("Unknown block type " + block.GetProperty("type").GetString());
                    break;
            }
        }
    }

    private static void AssertText(JsonElement text, string? type, int maxLength)
    {
        var kind = text.GetProperty("type").GetString();
        string[] allowed = type is null ? ["plain_text", "mrkdwn"] : [type];
        Assert.Contains(kind, allowed);
        Assert.InRange(text.GetProperty("text").GetString()!.Length, 1, maxLength);
    }
}
