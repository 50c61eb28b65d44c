using KeyMeter.Adapters.Aggregation;
using KeyMeter.Adapters.Storage;
using KeyMeter.Adapters.Tables;
using KeyMeter.Core.Aggregation;
using KeyMeter.Testing;

namespace KeyMeter.Adapters.Tests.Aggregation;

[Collection(AzuriteCollectionDefinition.Name)]
public sealed class TablePoisonMessageStoreTests(AzuriteFixture azurite)
{
    // 01:30 at +02:00 is still the 1st of March in UTC.
    private static readonly DateTimeOffset ReceivedAt = new(2026, 3, 2, 1, 30, 0, TimeSpan.FromHours(2));

    private readonly TableProvider _tables = AggregateTestData.NewTables(azurite);

    private static PoisonMessage Message(string id, int deliveryCount, string body = "{\"id\":1}") =>
        new("usage", id, deliveryCount, ReceivedAt, "id must be 1 to 128 characters.", body);

    private async Task<List<TableEntity>> RowsAsync()
    {
        var table = await _tables.GetAsync(TablePoisonMessageStore.TableName, CancellationToken.None);
        var rows = new List<TableEntity>();
        await foreach (var entity in table.QueryAsync(new TableQuery(), CancellationToken.None))
        {
            rows.Add(entity);
        }

        return rows;
    }

    [Fact]
    public async Task SaveAsync_IdWithSlashAndHash_StoredUnderSafeKeyWithOriginalId()
    {
        var store = new TablePoisonMessageStore(_tables);

        await store.SaveAsync(Message("queue/usage#7?x", 3, new string('b', PoisonMessage.MaxBodyChars + 5)), CancellationToken.None);

        var row = Assert.Single(await RowsAsync());
        Assert.Equal("2026-03-01", row.PartitionKey);
        Assert.StartsWith("queue_usage_7_x~", row.RowKey, StringComparison.Ordinal);
        Assert.Equal("queue/usage#7?x", row.GetString("MessageId"));
        Assert.Equal("usage", row.GetString("Queue"));
        Assert.Equal(3, row.GetInt32("DeliveryCount"));
        Assert.Equal(ReceivedAt, row.GetDateTimeOffset("ReceivedAt"));
        Assert.Equal("id must be 1 to 128 characters.", row.GetString("Reason"));
        Assert.Equal(PoisonMessage.MaxBodyChars, row.GetString("Body")!.Length);
    }

    [Fact]
    public async Task SaveAsync_SameIdTwice_KeepsOneRowWithLatestDelivery()
    {
        var store = new TablePoisonMessageStore(_tables);

        await store.SaveAsync(Message("a/b#c", 1), CancellationToken.None);
        await store.SaveAsync(Message("a/b#c", 2), CancellationToken.None);
        await store.SaveAsync(Message("a#b/c", 1), CancellationToken.None);

        var rows = await RowsAsync();
        Assert.Equal(2, rows.Count);
        Assert.Equal(2, rows.Single(row => row.GetString("MessageId") == "a/b#c").GetInt32("DeliveryCount"));
    }

    [Fact]
    public void RowKey_SafeId_Unchanged()
    {
        Assert.Equal("px_0193a1b2-7c4d", TablePoisonMessageStore.RowKey("px_0193a1b2-7c4d"));
    }

    [Fact]
    public void RowKey_UnsafeOrLongIds_DistinctSafeKeys()
    {
        var longId = new string('x', 300);
        string[] ids = ["a/b", "a#b", "a\u0001b", "a\ud83d\ude00b", "", longId, longId + "y"];

        var keys = ids.Select(TablePoisonMessageStore.RowKey).ToList();

        Assert.Equal(ids.Length, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.All(keys, key => TableKeys.Validate(key, nameof(key)));
        Assert.Equal("a_b~", keys[0][..4]);
        Assert.Equal(200 + 9, keys[5].Length);
    }
}
