using KeyMeter.Adapters.Digests;
using KeyMeter.Adapters.Storage;
using KeyMeter.Adapters.Tables;
using KeyMeter.Core.Digests;
using KeyMeter.Testing;

namespace KeyMeter.Adapters.Tests.Digests;

[Collection(AzuriteCollectionDefinition.Name)]
public sealed class TableDigestStateStoreTests(AzuriteFixture azurite)
{
    private readonly TableProvider _tables = new(azurite.Service, "t" + Guid.NewGuid().ToString("N")[..12]);

    [Fact]
    public async Task Get_NeverSet_Null()
    {
        Assert.Null(await new TableDigestStateStore(_tables).GetAsync(DigestKind.Daily, CancellationToken.None));
    }

    [Fact]
    public async Task Set_PerKind_LastWins()
    {
        var store = new TableDigestStateStore(_tables);

        await store.SetAsync(DigestKind.Daily, new DateOnly(2026, 12, 1), CancellationToken.None);
        await store.SetAsync(DigestKind.Daily, new DateOnly(2026, 12, 2), CancellationToken.None);
        await store.SetAsync(DigestKind.Weekly, new DateOnly(2026, 11, 23), CancellationToken.None);

        Assert.Equal(new DateOnly(2026, 12, 2), await store.GetAsync(DigestKind.Daily, CancellationToken.None));
        Assert.Equal(new DateOnly(2026, 11, 23), await new TableDigestStateStore(_tables).GetAsync(DigestKind.Weekly, CancellationToken.None));
    }

    [Fact]
    public async Task Get_RowEditedByHandToGarbage_SaysWhichRow()
    {
        var table = await _tables.GetAsync(DigestStateKeys.TableName, CancellationToken.None);
        await table.UpsertAsync(
            new TableEntity(DigestStateKeys.Partition, DigestStateKeys.Row(DigestKind.Daily)) { [TableDigestStateStore.ThroughProperty] = "yesterday" },
            TableUpdateMode.Replace,
            CancellationToken.None);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new TableDigestStateStore(_tables).GetAsync(DigestKind.Daily, CancellationToken.None));

        Assert.Contains(DigestStateKeys.TableName, error.Message, StringComparison.Ordinal);
    }
}
