using KeyMeter.Adapters.Cursor;
using KeyMeter.Adapters.Storage;
using KeyMeter.Core.Cursor;
using KeyMeter.Testing;

namespace KeyMeter.Adapters.Tests.Cursor;

[Collection(AzuriteCollectionDefinition.Name)]
public sealed class TableCursorStateStoreTests(AzuriteFixture azurite)
{
    private readonly TableProvider _tables = new(azurite.Service, "t" + Guid.NewGuid().ToString("N")[..12]);

    private TableCursorStateStore Store() => new(_tables);

    [Fact]
    public async Task GetWatermarkAsync_NeverSet_Null()
    {
        Assert.Null(await Store().GetWatermarkAsync("usage-events", CancellationToken.None));
    }

    [Fact]
    public async Task SetWatermarkAsync_ThenGet_SameInstantToTheMillisecond()
    {
        var through = new DateTimeOffset(2026, 3, 7, 23, 59, 59, 987, TimeSpan.FromHours(2));

        await Store().SetWatermarkAsync("usage-events", through, CancellationToken.None);
        var read = await Store().GetWatermarkAsync("usage-events", CancellationToken.None);

        Assert.Equal(through, read);
        Assert.Equal(through.ToUnixTimeMilliseconds(), read!.Value.ToUnixTimeMilliseconds());
        var table = await _tables.GetAsync(CursorTableKeys.StateTable, CancellationToken.None);
        var row = (await table.GetAsync(CursorTableKeys.WatermarkPartition, "usage-events", CancellationToken.None)).Value!;
        Assert.Equal(through.ToUnixTimeMilliseconds(), row.GetInt64(TableCursorStateStore.ThroughMsProperty));
        Assert.Equal(through, row.GetDateTimeOffset(TableCursorStateStore.ThroughProperty));
    }

    [Fact]
    public async Task SetWatermarkAsync_SubMillisecondTicks_KeptToTheMillisecond()
    {
        var through = new DateTimeOffset(2026, 3, 7, 10, 0, 0, 5, TimeSpan.Zero).AddTicks(9_999);

        await Store().SetWatermarkAsync("usage-events", through, CancellationToken.None);

        Assert.Equal(new DateTimeOffset(2026, 3, 7, 10, 0, 0, 5, TimeSpan.Zero), await Store().GetWatermarkAsync("usage-events", CancellationToken.None));
    }

    [Fact]
    public async Task SetWatermarkAsync_TwiceAndAnotherName_LastWinsPerName()
    {
        var first = new DateTimeOffset(2026, 3, 7, 0, 0, 0, TimeSpan.Zero);

        await Store().SetWatermarkAsync("usage-events", first, CancellationToken.None);
        await Store().SetWatermarkAsync("usage-events", first.AddHours(1), CancellationToken.None);
        await Store().SetWatermarkAsync("team/spend", first.AddDays(-1), CancellationToken.None);

        Assert.Equal(first.AddHours(1), await Store().GetWatermarkAsync("usage-events", CancellationToken.None));
        Assert.Equal(first.AddDays(-1), await Store().GetWatermarkAsync("team/spend", CancellationToken.None));
    }
}
