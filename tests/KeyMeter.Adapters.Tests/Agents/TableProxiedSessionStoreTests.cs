using KeyMeter.Adapters.Agents;
using KeyMeter.Adapters.Storage;
using KeyMeter.Testing;

namespace KeyMeter.Adapters.Tests.Agents;

[Collection(AzuriteCollectionDefinition.Name)]
public sealed class TableProxiedSessionStoreTests(AzuriteFixture azurite)
{
    private readonly TableProvider _tables = new(azurite.Service, "t" + Guid.NewGuid().ToString("N")[..12]);

    [Fact]
    public async Task Find_MarkedSessionsOfThatDeveloperOnly()
    {
        var store = new TableProxiedSessionStore(_tables);
        await store.MarkAsync("dev#1/a?b@example.com", "s-1", DateTimeOffset.UtcNow, CancellationToken.None);
        await store.MarkAsync("dev#1/a?b@example.com", "s-1", DateTimeOffset.UtcNow, CancellationToken.None);
        await store.MarkAsync("other@example.com", "s-2", DateTimeOffset.UtcNow, CancellationToken.None);

        var found = await new TableProxiedSessionStore(_tables).FindAsync("dev#1/a?b@example.com", ["s-1", "s-2", "s-3"], CancellationToken.None);

        Assert.Equal(["s-1"], found);
    }

    [Fact]
    public async Task Find_NothingAsked_NothingRead()
    {
        Assert.Empty(await new TableProxiedSessionStore(_tables).FindAsync("dev@example.com", [], CancellationToken.None));
    }
}
