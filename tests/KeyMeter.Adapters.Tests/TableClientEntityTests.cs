using KeyMeter.Adapters.Tables;
using KeyMeter.Testing;

namespace KeyMeter.Adapters.Tests;

[Collection(AzuriteCollectionDefinition.Name)]
public sealed class TableClientEntityTests(AzuriteFixture azurite) : IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));

    private CancellationToken Ct => _timeout.Token;

    public void Dispose() => _timeout.Dispose();

    [Fact]
    public async Task CreateIfNotExistsAsync_CalledTwice_TableIsUsable()
    {
        var table = azurite.Service.GetTableClient(AzuriteFixture.UniqueTableName());
        await using var cleanup = new TemporaryTable(table);

        await table.CreateIfNotExistsAsync(Ct);
        await table.CreateIfNotExistsAsync(Ct);

        var insert = await table.InsertAsync(new TableEntity("p", "r"), Ct);
        Assert.Equal(TableOutcome.Success, insert.Outcome);
    }

    [Fact]
    public async Task InsertAsync_ThenGet_RoundTripsEveryPropertyType()
    {
        await using var table = await azurite.CreateTableAsync(Ct);
        var when = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.FromHours(2)).AddTicks(1234567);
        var id = Guid.NewGuid();
        var entity = new TableEntity("p", "r")
        {
            ["Text"] = "hello \"world\" é 😀",
            ["Flag"] = true,
            ["Small"] = -42,
            ["Big"] = 9_007_199_254_740_993L, // 2^53 + 1: lost if it ever travels as a JSON number
            ["Max"] = long.MaxValue,
            ["Ratio"] = 0.1 + 0.2,
            ["Whole"] = 3.0,
            ["When"] = when,
            ["Id"] = id,
            ["Bytes"] = new byte[] { 0, 1, 2, 254, 255 },
        };

        var insert = await table.Client.InsertAsync(entity, Ct);
        var read = await table.Client.GetAsync("p", "r", Ct);

        Assert.True(insert.IsSuccess);
        Assert.False(string.IsNullOrEmpty(insert.Value));
        Assert.Equal(TableOutcome.Success, read.Outcome);
        var got = read.Value!;
        Assert.Equal(insert.ETag, got.ETag);
        Assert.NotNull(got.Timestamp);
        Assert.Equal("hello \"world\" é 😀", got.GetString("Text"));
        Assert.True(got.GetBoolean("Flag"));
        Assert.Equal(-42, got.GetInt32("Small"));
        Assert.Equal(9_007_199_254_740_993L, got.GetInt64("Big"));
        Assert.IsType<long>(got["Big"]);
        Assert.Equal(long.MaxValue, got.GetInt64("Max"));
        Assert.Equal(0.1 + 0.2, got.GetDouble("Ratio"));
        Assert.Equal(3.0, got.GetDouble("Whole"));
        Assert.Equal(when, got.GetDateTimeOffset("When"));
        Assert.Equal(TimeSpan.Zero, got.GetDateTimeOffset("When")!.Value.Offset);
        Assert.Equal(id, got.GetGuid("Id"));
        Assert.Equal(new byte[] { 0, 1, 2, 254, 255 }, got.GetBinary("Bytes"));
    }

    [Fact]
    public async Task GetAsync_WithSelect_ReturnsOnlySelectedPropertiesAndKeys()
    {
        await using var table = await azurite.CreateTableAsync(Ct);
        await table.Client.InsertAsync(new TableEntity("p", "r") { ["A"] = "a", ["B"] = "b", ["C"] = 3 }, Ct);

        var read = await table.Client.GetAsync("p", "r", Ct, select: ["B"]);

        Assert.True(read.IsSuccess);
        Assert.Equal("p", read.Value!.PartitionKey);
        Assert.Equal("r", read.Value.RowKey);
        Assert.Equal("b", read.Value.GetString("B"));
        Assert.False(read.Value.Properties.ContainsKey("A"));
        Assert.False(read.Value.Properties.ContainsKey("C"));
    }

    [Fact]
    public async Task GetAsync_MissingEntity_ReturnsNotFound()
    {
        await using var table = await azurite.CreateTableAsync(Ct);

        var read = await table.Client.GetAsync("p", "missing", Ct);

        Assert.Equal(TableOutcome.NotFound, read.Outcome);
        Assert.Null(read.Value);
    }

    [Fact]
    public async Task InsertAsync_DuplicateKeys_ReturnsConflictAndKeepsOriginal()
    {
        await using var table = await azurite.CreateTableAsync(Ct);
        await table.Client.InsertAsync(new TableEntity("p", "r") { ["V"] = 1 }, Ct);

        var second = await table.Client.InsertAsync(new TableEntity("p", "r") { ["V"] = 2 }, Ct);

        Assert.Equal(TableOutcome.Conflict, second.Outcome);
        Assert.Null(second.Value);
        Assert.Equal(1, (await table.Client.GetAsync("p", "r", Ct)).Value!.GetInt32("V"));
    }

    [Fact]
    public async Task UpdateAsync_StaleETag_ReturnsPreconditionFailedAndChangesNothing()
    {
        await using var table = await azurite.CreateTableAsync(Ct);
        var first = await table.Client.InsertAsync(new TableEntity("p", "r") { ["V"] = 1 }, Ct);
        var second = await table.Client.UpdateAsync(new TableEntity("p", "r") { ["V"] = 2 }, first.ETag!, TableUpdateMode.Replace, Ct);

        var stale = await table.Client.UpdateAsync(new TableEntity("p", "r") { ["V"] = 3 }, first.ETag!, TableUpdateMode.Merge, Ct);

        Assert.True(second.IsSuccess);
        Assert.Equal(TableOutcome.PreconditionFailed, stale.Outcome);
        Assert.Equal(2, (await table.Client.GetAsync("p", "r", Ct)).Value!.GetInt32("V"));
    }

    [Theory]
    [InlineData("Merge")]
    [InlineData("Replace")]
    public async Task UpdateAsync_CurrentETag_SucceedsWithNewETag(string modeName)
    {
        var mode = Enum.Parse<TableUpdateMode>(modeName);
        await using var table = await azurite.CreateTableAsync(Ct);
        var inserted = await table.Client.InsertAsync(new TableEntity("p", "r") { ["V"] = 1 }, Ct);

        var updated = await table.Client.UpdateAsync(new TableEntity("p", "r") { ["V"] = 2 }, inserted.ETag!, mode, Ct);

        Assert.Equal(TableOutcome.Success, updated.Outcome);
        Assert.NotNull(updated.ETag);
        Assert.NotEqual(inserted.ETag, updated.ETag);
        Assert.Equal(updated.ETag, updated.Value);
        var read = (await table.Client.GetAsync("p", "r", Ct)).Value!;
        Assert.Equal(2, read.GetInt32("V"));
        Assert.Equal(updated.ETag, read.ETag);
    }

    [Fact]
    public async Task UpdateAsync_MissingEntity_ReturnsNotFound()
    {
        await using var table = await azurite.CreateTableAsync(Ct);

        var updated = await table.Client.UpdateAsync(new TableEntity("p", "missing") { ["V"] = 2 }, "*", TableUpdateMode.Merge, Ct);

        Assert.Equal(TableOutcome.NotFound, updated.Outcome);
    }

    [Fact]
    public async Task UpsertAsync_Merge_KeepsOtherProperties()
    {
        await using var table = await azurite.CreateTableAsync(Ct);
        await table.Client.InsertAsync(new TableEntity("p", "r") { ["A"] = "a", ["B"] = "b" }, Ct);

        var upsert = await table.Client.UpsertAsync(new TableEntity("p", "r") { ["B"] = "b2", ["C"] = "c" }, TableUpdateMode.Merge, Ct);

        Assert.True(upsert.IsSuccess);
        var read = (await table.Client.GetAsync("p", "r", Ct)).Value!;
        Assert.Equal("a", read.GetString("A"));
        Assert.Equal("b2", read.GetString("B"));
        Assert.Equal("c", read.GetString("C"));
    }

    [Fact]
    public async Task UpsertAsync_Replace_DropsOtherProperties()
    {
        await using var table = await azurite.CreateTableAsync(Ct);
        await table.Client.InsertAsync(new TableEntity("p", "r") { ["A"] = "a", ["B"] = "b" }, Ct);

        var upsert = await table.Client.UpsertAsync(new TableEntity("p", "r") { ["B"] = "b2" }, TableUpdateMode.Replace, Ct);

        Assert.True(upsert.IsSuccess);
        var read = (await table.Client.GetAsync("p", "r", Ct)).Value!;
        Assert.False(read.Properties.ContainsKey("A"));
        Assert.Equal("b2", read.GetString("B"));
    }

    [Theory]
    [InlineData("Merge")]
    [InlineData("Replace")]
    public async Task UpsertAsync_MissingEntity_Inserts(string modeName)
    {
        var mode = Enum.Parse<TableUpdateMode>(modeName);
        await using var table = await azurite.CreateTableAsync(Ct);

        var upsert = await table.Client.UpsertAsync(new TableEntity("p", "new") { ["A"] = "a" }, mode, Ct);

        Assert.True(upsert.IsSuccess);
        Assert.Equal("a", (await table.Client.GetAsync("p", "new", Ct)).Value!.GetString("A"));
    }

    [Fact]
    public async Task DeleteAsync_MissingEntity_ReturnsNotFound()
    {
        await using var table = await azurite.CreateTableAsync(Ct);

        var deleted = await table.Client.DeleteAsync("p", "missing", Ct);

        Assert.Equal(TableOutcome.NotFound, deleted.Outcome);
        Assert.False(deleted.Value);
    }

    [Fact]
    public async Task DeleteAsync_ExistingEntity_RemovesIt()
    {
        await using var table = await azurite.CreateTableAsync(Ct);
        var inserted = await table.Client.InsertAsync(new TableEntity("p", "r"), Ct);

        var deleted = await table.Client.DeleteAsync("p", "r", Ct, inserted.ETag!);

        Assert.True(deleted.IsSuccess);
        Assert.True(deleted.Value);
        Assert.Equal(TableOutcome.NotFound, (await table.Client.GetAsync("p", "r", Ct)).Outcome);
    }

    [Fact]
    public async Task DeleteAsync_StaleETag_ReturnsPreconditionFailedAndKeepsEntity()
    {
        await using var table = await azurite.CreateTableAsync(Ct);
        var inserted = await table.Client.InsertAsync(new TableEntity("p", "r") { ["V"] = 1 }, Ct);
        await table.Client.UpdateAsync(new TableEntity("p", "r") { ["V"] = 2 }, "*", TableUpdateMode.Merge, Ct);

        var deleted = await table.Client.DeleteAsync("p", "r", Ct, inserted.ETag!);

        Assert.Equal(TableOutcome.PreconditionFailed, deleted.Outcome);
        Assert.True((await table.Client.GetAsync("p", "r", Ct)).IsSuccess);
    }

    [Theory]
    [InlineData("O'Brien", "it's")]
    [InlineData("''", "'")]
    [InlineData("größe ünïcödé", "日本語 😀")]
    [InlineData("a b+c%20d&e=f", "(x),[y];$z@w!")]
    [InlineData("", "")]
    public async Task InsertAsync_KeysWithQuotesAndUnicode_RoundTripThroughGetUpdateDeleteAndQuery(string partitionKey, string rowKey)
    {
        await using var table = await azurite.CreateTableAsync(Ct);

        var inserted = await table.Client.InsertAsync(new TableEntity(partitionKey, rowKey) { ["V"] = 1 }, Ct);
        var read = await table.Client.GetAsync(partitionKey, rowKey, Ct);
        var updated = await table.Client.UpdateAsync(new TableEntity(partitionKey, rowKey) { ["V"] = 2 }, read.ETag!, TableUpdateMode.Merge, Ct);
        var queried = await ToListAsync(table.Client.QueryAsync(new TableQuery(TableFilter.And(TableFilter.Equal("PartitionKey", partitionKey), TableFilter.Equal("RowKey", rowKey))), Ct));
        var deleted = await table.Client.DeleteAsync(partitionKey, rowKey, Ct, updated.ETag!);

        Assert.True(inserted.IsSuccess);
        Assert.Equal(partitionKey, read.Value!.PartitionKey);
        Assert.Equal(rowKey, read.Value.RowKey);
        Assert.True(updated.IsSuccess);
        var single = Assert.Single(queried);
        Assert.Equal(rowKey, single.RowKey);
        Assert.Equal(2, single.GetInt32("V"));
        Assert.True(deleted.IsSuccess);
    }

    [Fact]
    public async Task InsertAsync_TableMissing_ThrowsNamingTableAndStatus()
    {
        var table = azurite.Service.GetTableClient(AzuriteFixture.UniqueTableName());

        var error = await Assert.ThrowsAsync<TableRequestFailedException>(() => table.InsertAsync(new TableEntity("p", "r"), Ct));

        Assert.Equal(404, error.Status);
        Assert.Equal("TableNotFound", error.ErrorCode);
        Assert.Contains(table.Name, error.Message, StringComparison.Ordinal);
        Assert.Contains("Insert", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteIfExistsAsync_CalledTwice_SecondIsNoOp()
    {
        var table = await azurite.CreateTableAsync(Ct);
        await table.Client.InsertAsync(new TableEntity("p", "r"), Ct);

        await table.Client.DeleteIfExistsAsync(Ct);
        await table.Client.DeleteIfExistsAsync(Ct);

        await Assert.ThrowsAsync<TableRequestFailedException>(() => table.Client.GetAsync("p", "r", Ct));
    }

    internal static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }
}
