using System.Globalization;
using KeyMeter.Adapters.Tables;
using KeyMeter.Testing;

namespace KeyMeter.Adapters.Tests;

[Collection(AzuriteCollectionDefinition.Name)]
public sealed class TableClientQueryTests(AzuriteFixture azurite) : IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(120));

    private CancellationToken Ct => _timeout.Token;

    public void Dispose() => _timeout.Dispose();

    [Fact]
    public async Task QueryAsync_FilterSelectTop_ReturnsFirstMatchesWithSelectedPropertiesOnly()
    {
        await using var table = await azurite.CreateTableAsync(Ct);
        await InsertRowsAsync(table.Client, "p", 10);
        await InsertRowsAsync(table.Client, "other", 3);

        var rows = await TableClientEntityTests.ToListAsync(table.Client.QueryAsync(
            new TableQuery(TableFilter.PartitionRange("p", Row(2), Row(9)), Select: ["Index"], Top: 4), Ct));

        Assert.Equal([Row(2), Row(3), Row(4), Row(5)], rows.Select(r => r.RowKey));
        Assert.All(rows, r => Assert.Equal("p", r.PartitionKey));
        Assert.All(rows, r => Assert.Equal(["Index"], r.Properties.Keys));
        Assert.Equal([2, 3, 4, 5], rows.Select(r => r.GetInt32("Index")!.Value));
    }

    [Fact]
    public async Task QueryAsync_MoreThanOnePage_ReadsEveryEntityExactlyOnce()
    {
        const int count = 1100;
        await using var table = await azurite.CreateTableAsync(Ct);
        await InsertRowsAsync(table.Client, "a", count / 2);
        await InsertRowsAsync(table.Client, "b", count / 2);

        var rows = await TableClientEntityTests.ToListAsync(table.Client.QueryAsync(new TableQuery(), Ct));

        Assert.Equal(count, rows.Count);
        Assert.Equal(count, rows.Select(r => (r.PartitionKey, r.RowKey)).Distinct().Count());
    }

    [Fact]
    public async Task QueryPageAsync_MoreThanOnePage_ReturnsContinuationThatReachesTheRest()
    {
        const int count = 1100;
        await using var table = await azurite.CreateTableAsync(Ct);
        await InsertRowsAsync(table.Client, "p", count);
        var query = new TableQuery(TableFilter.Equal("PartitionKey", "p"), Select: ["Index"]);

        var first = await table.Client.QueryPageAsync(query, continuation: null, Ct);
        var second = await table.Client.QueryPageAsync(query, first.Continuation, Ct);

        Assert.Equal(1000, first.Entities.Count);
        Assert.NotNull(first.Continuation);
        Assert.Equal(count - 1000, second.Entities.Count);
        Assert.Null(second.Continuation);
        Assert.Equal(
            Enumerable.Range(0, count).Select(Row),
            first.Entities.Concat(second.Entities).Select(e => e.RowKey));
    }

    [Fact]
    public async Task QueryAsync_TopAboveOnePage_StopsAtTopAcrossPages()
    {
        await using var table = await azurite.CreateTableAsync(Ct);
        await InsertRowsAsync(table.Client, "p", 1100);

        var rows = await TableClientEntityTests.ToListAsync(table.Client.QueryAsync(new TableQuery(Top: 1050), Ct));

        Assert.Equal(Enumerable.Range(0, 1050).Select(Row), rows.Select(r => r.RowKey));
    }

    [Fact]
    public async Task QueryPageAsync_TopSmallerThanMatches_ReturnsPageOfTopWithContinuationAndSameFilter()
    {
        await using var table = await azurite.CreateTableAsync(Ct);
        await InsertRowsAsync(table.Client, "p", 5);
        await InsertRowsAsync(table.Client, "q", 5);
        var query = new TableQuery(TableFilter.Equal("PartitionKey", "p"), Top: 3);

        var first = await table.Client.QueryPageAsync(query, continuation: null, Ct);
        var second = await table.Client.QueryPageAsync(query, first.Continuation, Ct);

        Assert.Equal([Row(0), Row(1), Row(2)], first.Entities.Select(e => e.RowKey));
        Assert.NotNull(first.Continuation);
        Assert.Equal([Row(3), Row(4)], second.Entities.Select(e => e.RowKey));
        Assert.All(second.Entities, e => Assert.Equal("p", e.PartitionKey));
    }

    [Fact]
    public async Task QueryAsync_NoMatch_ReturnsEmpty()
    {
        await using var table = await azurite.CreateTableAsync(Ct);
        await InsertRowsAsync(table.Client, "p", 3);

        var rows = await TableClientEntityTests.ToListAsync(table.Client.QueryAsync(new TableQuery(TableFilter.Equal("PartitionKey", "x'y")), Ct));

        Assert.Empty(rows);
    }

    private static string Row(int index) => index.ToString("D5", CultureInfo.InvariantCulture);

    // In transactions of 100, the service maximum, so 1100 rows cost 11 requests.
    private async Task InsertRowsAsync(TableClient table, string partitionKey, int count)
    {
        foreach (var chunk in Enumerable.Range(0, count).Chunk(TableBatchRequest.MaxOperations))
        {
            var actions = chunk
                .Select(i => new TableTransactionAction(TableTransactionActionType.Insert, new TableEntity(partitionKey, Row(i)) { ["Index"] = i, ["Other"] = "x" }))
                .ToList();
            var result = await table.SubmitTransactionAsync(actions, Ct);
            Assert.True(result.Succeeded);
        }
    }
}
