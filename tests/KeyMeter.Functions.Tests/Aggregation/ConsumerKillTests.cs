using System.Globalization;
using System.Net;
using KeyMeter.Adapters.Aggregation;
using KeyMeter.Adapters.Storage;
using KeyMeter.Adapters.Tables;
using KeyMeter.Core.Aggregation;
using KeyMeter.Core.Metering;
using KeyMeter.Functions.Tests.Hosting;
using KeyMeter.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using static KeyMeter.Testing.AggregationFixtures;

namespace KeyMeter.Functions.Tests.Aggregation;

/// <summary>
/// kill -9 of a <c>usage-aggregate</c> consumer in the middle of a batch: once some but not all of the batch's
/// transactions have committed the process is killed, and a fresh process gets the same batch again, as Service Bus
/// redelivers a batch whose lock lapsed. Nothing may be lost and nothing counted twice.
/// </summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed class ConsumerKillTests(AzuriteFixture azurite)
{
    private const string Partition = "2026-11";

    [Fact]
    public async Task UsageAggregate_ConsumerKilledMidBatch_ARedeliveryToAFreshProcessMakesEveryAggregateExact()
    {
        var prefix = "t" + Guid.NewGuid().ToString("N")[..12];
        var tables = new TableProvider(azurite.Service, prefix);
        var aggregates = await tables.GetAsync(AggregateKeys.TableName, CancellationToken.None);
        // Larger than one Service Bus batch, and every record with its own key, developer and project: the batch takes
        // dozens of transactions, long enough to be killed between two of them.
        var records = Records(1_500);
        var payload = UsageAggregatePayload.Json(records, deliveryCount: 1);

        // 1. The first consumer counts part of the batch and is killed with SIGKILL.
        await using (var first = await AppProcess.StartAsync(azurite, prefix))
        {
            using var request = AppProcess.Post("/usage-aggregate", payload);
            var delivery = first.Client.SendAsync(request);
            await WaitForMarkersAsync(aggregates, delivery);
            await first.KillAsync();
            await Assert.ThrowsAnyAsync<Exception>(() => delivery);
        }

        var countedBeforeKill = await CountMarkersAsync(aggregates);
        Assert.InRange(countedBeforeKill, 1, records.Count - 1);

        // 2. The same batch to a fresh process.
        await using (var second = await AppProcess.StartAsync(azurite, prefix))
        {
            using var redelivery = AppProcess.Post("/usage-aggregate", UsageAggregatePayload.Json(records, deliveryCount: 2));
            using var response = await second.Client.SendAsync(redelivery);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains($"{records.Count - countedBeforeKill} usage record(s); {countedBeforeKill} duplicate(s)", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // 3. Every aggregate row, all shards added up, holds exactly the batch counted once.
        Assert.Equal(records.Count, await CountMarkersAsync(aggregates));
        Assert.Equal(Expected(records), Snapshot(await ReadAllRowsAsync(tables)));
    }

    private static List<UsageRecord> Records(int count) =>
    [
        .. Enumerable.Range(0, count).Select(i => Record(
            $"px_kill_{i:d5}",
            keyId: "key_" + i.ToString("x20", CultureInfo.InvariantCulture),
            startedAt: Start.AddMinutes(i),
            cost: (i + 1) / 1_000_000m,
            owner: $"dev{i}@example.com",
            tags: new Dictionary<string, string> { ["team"] = "t" + (i % 40), ["project"] = "p" + i })),
    ];

    /// <summary>Polls the markers until the first transaction of the batch has committed (or the delivery ended, which fails the test).</summary>
    private static async Task WaitForMarkersAsync(TableClient aggregates, Task delivery)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await CountMarkersAsync(aggregates) == 0)
        {
            Assert.False(delivery.IsCompleted, "the consumer finished the batch before it could be killed");
            Assert.True(DateTime.UtcNow < deadline, "no transaction committed within 20 s");
            await Task.Delay(5);
        }
    }

    private static async Task<int> CountMarkersAsync(TableClient aggregates)
    {
        var (from, toExclusive) = AggregateKeys.MarkerRange();
        var count = 0;
        await foreach (var _ in aggregates.QueryAsync(new TableQuery(TableFilter.PartitionRange(Partition, from, toExclusive), ["RowKey"]), CancellationToken.None))
        {
            count++;
        }

        return count;
    }

    private static async Task<List<AggregateRow>> ReadAllRowsAsync(TableProvider tables)
    {
        var reader = new TableAggregateStore(tables, NullLogger<TableAggregateStore>.Instance);
        var rows = new List<AggregateRow>();
        await foreach (var row in reader.ReadDailyAsync(Partition, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30), null, null, CancellationToken.None))
        {
            rows.Add(row);
        }

        await foreach (var row in reader.ReadMonthlyAsync(Partition, null, CancellationToken.None))
        {
            rows.Add(row);
        }

        return rows;
    }
}
