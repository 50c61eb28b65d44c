using System.Text.Json;
using KeyMeter.Core.Notifications;

namespace KeyMeter.Core.Tests.Notifications;

public sealed class TeamsCardBuilderTests
{
    private static readonly string[] CardElements = ["TextBlock", "FactSet", "ColumnSet"];

    [Fact]
    public void Build_Message_AdaptiveCardMessageEnvelope()
    {
        using var json = JsonDocument.Parse(TeamsCardBuilder.Build(NotificationSamples.Message()));
        var root = json.RootElement;

        Assert.Equal("message", root.GetProperty("type").GetString());
        var attachment = Assert.Single(root.GetProperty("attachments").EnumerateArray());
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.GetProperty("contentType").GetString());
        Assert.Equal(JsonValueKind.Null, attachment.GetProperty("contentUrl").ValueKind);
        var card = attachment.GetProperty("content");
        Assert.Equal("AdaptiveCard", card.GetProperty("type").GetString());
        Assert.Equal("1.4", card.GetProperty("version").GetString());
        Assert.Equal("http://adaptivecards.io/schemas/adaptive-card.json", card.GetProperty("$schema").GetString());
        var body = card.GetProperty("body").EnumerateArray().ToList();
        Assert.All(body, element => Assert.Contains(element.GetProperty("type").GetString(), CardElements));
        Assert.All(TextBlocks(card), block =>
        {
            Assert.False(string.IsNullOrEmpty(block.GetProperty("text").GetString()));
            Assert.True(block.GetProperty("wrap").GetBoolean());
        });
        Assert.Equal("KeyMeter daily digest 2026-12-01: $1,234.56", body[0].GetProperty("text").GetString());
        Assert.Equal("Warning", body[0].GetProperty("color").GetString());
        var facts = body.Single(element => element.GetProperty("type").GetString() == "FactSet").GetProperty("facts");
        Assert.Equal("Total", facts[0].GetProperty("title").GetString());
        Assert.Equal("$1,234.56", facts[0].GetProperty("value").GetString());
        var action = Assert.Single(card.GetProperty("actions").EnumerateArray());
        Assert.Equal("Action.OpenUrl", action.GetProperty("type").GetString());
        Assert.Equal("https://keymeter.example.com/dashboard", action.GetProperty("url").GetString());
    }

    [Fact]
    public void Build_LongTable_KeepsFifteenRowsAndSaysHowManyMore()
    {
        using var json = JsonDocument.Parse(TeamsCardBuilder.Build(NotificationSamples.Message(tableRows: 40)));
        var body = json.RootElement.GetProperty("attachments")[0].GetProperty("content").GetProperty("body").EnumerateArray().ToList();

        Assert.Equal(1 + TeamsCardBuilder.MaxTableRows, body.Count(element => element.GetProperty("type").GetString() == "ColumnSet"));
        Assert.Contains(body, element => element.GetProperty("type").GetString() == "TextBlock" && element.GetProperty("text").GetString() == "… and 25 more");
    }

    private static IEnumerable<JsonElement> TextBlocks(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            if (element.TryGetProperty("type", out var type) && type.GetString() == "TextBlock")
            {
                yield return element;
            }

            foreach (var child in element.EnumerateObject().SelectMany(property => TextBlocks(property.Value)))
            {
                yield return child;
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var child in element.EnumerateArray().SelectMany(TextBlocks))
            {
                yield return child;
            }
        }
    }
}
