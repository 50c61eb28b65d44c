using KeyMeter.Adapters.Tables;
using KeyMeter.Testing;

namespace KeyMeter.Adapters.Tests;

[Collection(AzuriteCollectionDefinition.Name)]
public sealed class TableClientTransactionTests(AzuriteFixture azurite) : IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));

    private CancellationToken Ct => _timeout.Token;

    public void Dispose() => _timeout.Dispose();

    [Fact]
    public async Task SubmitTransactionAsync_MixedOperations_AppliesAllAndReturnsETags()
    {
        await using var table = await azurite.CreateTableAsync(Ct);
        var existing = await table.Client.InsertAsync(new TableEntity("p", "update") { ["V"] = 1, ["Keep"] = "k" }, Ct);
        await table.Client.InsertAsync(new TableEntity("p", "replace") { ["V"] = 1, ["Drop"] = "d" }, Ct);
        await table.Client.InsertAsync(new TableEntity("p", "delete"), Ct);
        await table.Client.InsertAsync(new TableEntity("p", "merge") { ["Keep"] = "k" }, Ct);

        var result = await table.Client.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Insert, new TableEntity("p", "insert") { ["V"] = 1 }),
            new(TableTransactionActionType.UpdateMerge, new TableEntity("p", "update") { ["V"] = 2 }, existing.ETag!),
            new(TableTransactionActionType.UpdateReplace, new TableEntity("p", "replace") { ["V"] = 2 }),
            new(TableTransactionActionType.UpsertMerge, new TableEntity("p", "merge") { ["V"] = 2 }),
            new(TableTransactionActionType.UpsertReplace, new TableEntity("p", "upsert") { ["V"] = 2 }),
            new(TableTransactionActionType.Delete, new TableEntity("p", "delete")),
        ], Ct);

        Assert.True(result.Succeeded);
        Assert.Null(result.FailedIndex);
        Assert.Equal(6, result.ETags.Count);
        Assert.All(result.ETags.Take(5), Assert.NotNull);
        Assert.Null(result.ETags[5]);
        Assert.Equal(result.ETags[0], (await table.Client.GetAsync("p", "insert", Ct)).ETag);
        var updated = (await table.Client.GetAsync("p", "update", Ct)).Value!;
        Assert.Equal((2, "k"), (updated.GetInt32("V"), updated.GetString("Keep")));
        Assert.Equal(result.ETags[1], updated.ETag);
        Assert.False((await table.Client.GetAsync("p", "replace", Ct)).Value!.Properties.ContainsKey("Drop"));
        Assert.Equal("k", (await table.Client.GetAsync("p", "merge", Ct)).Value!.GetString("Keep"));
        Assert.Equal(2, (await table.Client.GetAsync("p", "upsert", Ct)).Value!.GetInt32("V"));
        Assert.Equal(TableOutcome.NotFound, (await table.Client.GetAsync("p", "delete", Ct)).Outcome);
    }

    [Fact]
    public async Task SubmitTransactionAsync_ThirdOperationConflicts_ChangesNothingAndReportsIndexTwo()
    {
        await using var table = await azurite.CreateTableAsync(Ct);
        var existing = await table.Client.InsertAsync(new TableEntity("p", "exists") { ["V"] = 1 }, Ct);
        await table.Client.InsertAsync(new TableEntity("p", "counter") { ["V"] = 10 }, Ct);
        var counter = await table.Client.GetAsync("p", "counter", Ct);

        var result = await table.Client.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Insert, new TableEntity("p", "new1") { ["V"] = 1 }),
            new(TableTransactionActionType.UpdateMerge, new TableEntity("p", "counter") { ["V"] = 11 }, counter.ETag!),
            new(TableTransactionActionType.Insert, new TableEntity("p", "exists") { ["V"] = 2 }),
            new(TableTransactionActionType.Insert, new TableEntity("p", "new2") { ["V"] = 1 }),
        ], Ct);

        Assert.False(result.Succeeded);
        Assert.Equal(2, result.FailedIndex);
        Assert.Equal(TableOutcome.Conflict, result.FailedOutcome);
        Assert.Equal(409, result.FailedStatus);
        Assert.Equal("EntityAlreadyExists", result.ErrorCode);
        Assert.Empty(result.ETags);
        Assert.Equal(TableOutcome.NotFound, (await table.Client.GetAsync("p", "new1", Ct)).Outcome);
        Assert.Equal(TableOutcome.NotFound, (await table.Client.GetAsync("p", "new2", Ct)).Outcome);
        var counterAfter = await table.Client.GetAsync("p", "counter", Ct);
        Assert.Equal((10, counter.ETag), (counterAfter.Value!.GetInt32("V"), counterAfter.ETag));
        var existingAfter = await table.Client.GetAsync("p", "exists", Ct);
        Assert.Equal((1, existing.ETag), (existingAfter.Value!.GetInt32("V"), existingAfter.ETag));
    }

    [Fact]
    public async Task SubmitTransactionAsync_StaleETag_ReportsPreconditionFailedAtItsIndex()
    {
        await using var table = await azurite.CreateTableAsync(Ct);
        var first = await table.Client.InsertAsync(new TableEntity("p", "counter") { ["V"] = 1 }, Ct);
        await table.Client.UpdateAsync(new TableEntity("p", "counter") { ["V"] = 2 }, first.ETag!, TableUpdateMode.Merge, Ct);

        var result = await table.Client.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Insert, new TableEntity("p", "marker")),
            new(TableTransactionActionType.UpdateMerge, new TableEntity("p", "counter") { ["V"] = 3 }, first.ETag!),
        ], Ct);

        Assert.False(result.Succeeded);
        Assert.Equal(1, result.FailedIndex);
        Assert.Equal(TableOutcome.PreconditionFailed, result.FailedOutcome);
        Assert.Equal(412, result.FailedStatus);
        Assert.Equal(TableOutcome.NotFound, (await table.Client.GetAsync("p", "marker", Ct)).Outcome);
    }

    [Fact]
    public async Task SubmitTransactionAsync_DeleteMissingRow_ReportsNotFound()
    {
        await using var table = await azurite.CreateTableAsync(Ct);

        var result = await table.Client.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Insert, new TableEntity("p", "a")),
            new(TableTransactionActionType.Delete, new TableEntity("p", "missing")),
        ], Ct);

        Assert.False(result.Succeeded);
        Assert.Equal(1, result.FailedIndex);
        Assert.Equal(TableOutcome.NotFound, result.FailedOutcome);
        Assert.Equal(TableOutcome.NotFound, (await table.Client.GetAsync("p", "a", Ct)).Outcome);
    }

    [Fact]
    public async Task SubmitTransactionAsync_HundredOperations_Succeeds()
    {
        await using var table = await azurite.CreateTableAsync(Ct);
        var actions = Enumerable.Range(0, 100)
            .Select(i => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity("p", $"r{i:D3}") { ["I"] = i }))
            .ToList();

        var result = await table.Client.SubmitTransactionAsync(actions, Ct);

        Assert.True(result.Succeeded);
        Assert.Equal(100, result.ETags.Count);
        Assert.Equal(100, (await TableClientEntityTests.ToListAsync(table.Client.QueryAsync(new TableQuery(), Ct))).Count);
    }
}
