using System.Net;
using KeyMeter.Core.Metering;
using KeyMeter.Functions.Tests.Hosting;
using KeyMeter.Testing;
using static KeyMeter.Testing.AggregationFixtures;

namespace KeyMeter.Functions.Tests.Aggregation;

/// <summary>
/// Table Storage goes away in the middle of a batch and comes back: an Azurite of this test's own, with its data on
/// disk, stopped and started again (the shared one stays up for everyone else).
/// </summary>
public sealed class StorageOutageTests : IAsyncLifetime
{
    private StoppableAzurite _azurite = null!;

    public async Task InitializeAsync() => _azurite = await StoppableAzurite.StartAsync();

    public async Task DisposeAsync() => await _azurite.DisposeAsync();

    [Fact]
    public async Task UsageAggregate_StorageStoppedForTenSecondsMidBatch_TheSameDeliveryCountsItAfterStorageReturns()
    {
        var connectionString = _azurite.ConnectionString;
        await using var app = await RunningApp.StartAsync(connectionString, extraArgs: ["--KeyMeter:Aggregation:StorageRetryDelay=00:00:00.500"]);
        var before = November(seed: 71);
        var during = November(seed: 72);
        using var first = await app.Client.SendAsync(UsageAggregatePayload.Post(before, deliveryCount: 1));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        // Stopped (it saves its data on the way out), for longer than the Table client's own retries last.
        await _azurite.StopAsync();
        var delivery = app.Client.SendAsync(UsageAggregatePayload.Post(during, deliveryCount: 1));
        await Task.Delay(TimeSpan.FromSeconds(10));
        Assert.False(delivery.IsCompleted, "the invocation answered while storage was down");
        await _azurite.RestartAsync();
        using var response = await delivery;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(app.Logs.Lines, line => line.EventId == 1423);
        var total = await AggregatesProbe.MonthTotalAsync(app, "2026-11");
        var all = before.Concat(during).ToList();
        Assert.Equal((all.Count, all.Sum(record => record.CostUsd ?? 0m)), (total.Requests, total.CostUsd));
    }

    private static List<UsageRecord> November(int seed) => [.. Many(50, keys: 5, seed: seed).Where(record => record.StartedAt.Month == 11)];
}
