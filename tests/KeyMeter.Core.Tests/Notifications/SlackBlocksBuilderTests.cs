using System.Text.Json;
using KeyMeter.Core.Notifications;

namespace KeyMeter.Core.Tests.Notifications;

public sealed class SlackBlocksBuilderTests
{
    private static readonly string[] BlockTypes = ["header", "section", "divider", "context", "actions"];

    [Fact]
    public void Build_Message_BlockKitWithPlainTextFallback()
    {
        using var json = JsonDocument.Parse(SlackBlocksBuilder.Build(NotificationSamples.Message()));
        var root = json.RootElement;

        Assert.StartsWith("KeyMeter daily digest 2026-12-01", root.GetProperty("text").GetString(), StringComparison.Ordinal);
        var blocks = root.GetProperty("blocks").EnumerateArray().ToList();
        Assert.All(blocks, block => Assert.Contains(block.GetProperty("type").GetString(), BlockTypes));
        Assert.Equal("header", blocks[0].GetProperty("type").GetString());
        Assert.Equal("plain_text", blocks[0].GetProperty("text").GetProperty("type").GetString());
        Assert.Equal("Spend rose for &lt;script&gt;alert(1)&lt;/script&gt; &amp; co.", blocks[1].GetProperty("text").GetProperty("text").GetString());
        var fields = blocks.Single(block => block.TryGetProperty("fields", out _)).GetProperty("fields");
        Assert.Equal("*Total*\n$1,234.56", fields[0].GetProperty("text").GetString());
        Assert.Equal("mrkdwn", fields[0].GetProperty("type").GetString());
        Assert.Contains(blocks, block => block.TryGetProperty("text", out var text) && text.GetProperty("text").GetString()!.StartsWith("```Developer", StringComparison.Ordinal));
        var button = blocks.Single(block => block.GetProperty("type").GetString() == "actions").GetProperty("elements")[0];
        Assert.Equal("https://keymeter.example.com/dashboard", button.GetProperty("url").GetString());
    }

    [Fact]
    public void Build_HugeMessage_StaysInsideBlockKitLimits()
    {
        var message = NotificationSamples.Message(tableRows: 500, sections: 200) with { Subject = new string('s', 400) };

        using var json = JsonDocument.Parse(SlackBlocksBuilder.Build(message));
        var blocks = json.RootElement.GetProperty("blocks").EnumerateArray().ToList();

        Assert.InRange(blocks.Count, 1, SlackBlocksBuilder.MaxBlocks);
        Assert.InRange(blocks[0].GetProperty("text").GetProperty("text").GetString()!.Length, 1, SlackBlocksBuilder.MaxHeader);
        Assert.All(blocks.Where(block => block.TryGetProperty("text", out _)), block =>
            Assert.InRange(block.GetProperty("text").GetProperty("text").GetString()!.Length, 1, SlackBlocksBuilder.MaxSectionText));
        Assert.All(blocks.Where(block => block.TryGetProperty("fields", out _)), block =>
            Assert.InRange(block.GetProperty("fields").GetArrayLength(), 1, SlackBlocksBuilder.MaxFields));
        Assert.InRange(json.RootElement.GetProperty("text").GetString()!.Length, 1, SlackBlocksBuilder.MaxFallbackText);
        Assert.Equal("actions", blocks[^2].GetProperty("type").GetString());
    }
}
