using KeyMeter.Adapters.Metering;
using KeyMeter.Adapters.Storage;
using KeyMeter.Core.Metering;
using KeyMeter.Testing;

namespace KeyMeter.Adapters.Tests.Metering;

[Collection(AzuriteCollectionDefinition.Name)]
public sealed class TableUsageOutboxTests(AzuriteFixture azurite)
{
    private static UsageRecord Record(string id) => new(
        id, "proxy", new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero), "key_0123456789abcdef0123", "dev@example.com",
        new Dictionary<string, string> { ["project"] = "checkout" }, "anthropic", "claude-sonnet-4-5", ApiFormat.AnthropicMessages,
        new TokenUsage(50, 10_000, 1_500, 500, 20, 0), 0.012075m, 0.0030175m, "2026-11-01", false, true, true, 200, UsageOutcomes.ClientAborted, 99);

    [Fact]
    public async Task SaveThenPendingThenRemove_RoundTripsExactlyInIdOrder()
    {
        var outbox = new TableUsageOutbox(new TableProvider(azurite.Service, "t" + Guid.NewGuid().ToString("N")[..12]));

        await outbox.SaveAsync(Record("px_b"), CancellationToken.None);
        await outbox.SaveAsync(Record("px_a"), CancellationToken.None);
        await outbox.SaveAsync(Record("px_a"), CancellationToken.None);
        var pending = await outbox.PendingAsync(10, CancellationToken.None);

        Assert.Equal(["px_a", "px_b"], pending.Select(record => record.Id));
        Assert.Equal(Record("px_a").Tokens, pending[0].Tokens);
        Assert.Equal(0.0030175m, pending[0].CursorFeeUsd);
        Assert.Equal("checkout", pending[0].Tags["project"]);
        await outbox.RemoveAsync("px_a", CancellationToken.None);
        await outbox.RemoveAsync("px_missing", CancellationToken.None);
        Assert.Equal(["px_b"], (await outbox.PendingAsync(10, CancellationToken.None)).Select(record => record.Id));
    }
}
