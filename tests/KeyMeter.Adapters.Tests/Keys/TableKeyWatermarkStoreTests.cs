using KeyMeter.Adapters.Keys;
using KeyMeter.Adapters.Storage;
using KeyMeter.Core.Keys;
using KeyMeter.Testing;

namespace KeyMeter.Adapters.Tests.Keys;

[Collection(AzuriteCollectionDefinition.Name)]
public sealed class TableKeyWatermarkStoreTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly string _prefix = "t" + Guid.NewGuid().ToString("N")[..12];
    private TableProvider _tables = null!;

    public Task InitializeAsync()
    {
        _tables = new TableProvider(azurite.Service, _prefix);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        var table = await _tables.GetAsync(KeyTableLayout.TableName, CancellationToken.None);
        await table.DeleteIfExistsAsync(CancellationToken.None);
    }

    [Fact]
    public async Task ReadAsync_NothingChangedYet_Null()
    {
        Assert.Null(await new TableKeyWatermarkStore(_tables).ReadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AdvanceAsync_EveryCall_AnotherInstanceReadsANewValue()
    {
        var writer = new TableKeyWatermarkStore(_tables);
        var reader = new TableKeyWatermarkStore(_tables);

        await writer.AdvanceAsync(CancellationToken.None);
        var first = await reader.ReadAsync(CancellationToken.None);
        await writer.AdvanceAsync(CancellationToken.None);
        var second = await reader.ReadAsync(CancellationToken.None);

        Assert.NotNull(first);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task Watermark_IsNotListedAsAKey()
    {
        await new TableKeyWatermarkStore(_tables).AdvanceAsync(CancellationToken.None);

        Assert.Empty(await new TableKeyStore(_tables).ListAsync(CancellationToken.None));
    }
}
