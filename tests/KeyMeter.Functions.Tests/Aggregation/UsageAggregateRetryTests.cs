using KeyMeter.Adapters.Aggregation;
using KeyMeter.Core.Aggregation;
using KeyMeter.Core.Alerts;
using KeyMeter.Core.Metering;
using KeyMeter.Functions.Aggregation;
using KeyMeter.Functions.CustomHandler;
using KeyMeter.Functions.Tests.Hosting;
using KeyMeter.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static KeyMeter.Testing.AggregationFixtures;

namespace KeyMeter.Functions.Tests.Aggregation;

/// <summary>
/// <c>usage-aggregate</c> during a storage outage, on a clock whose waits end at once: the invocation backs off inside
/// itself, so the ten deliveries Service Bus allows a message cover minutes of outage instead of seconds.
/// </summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed class UsageAggregateRetryTests(AzuriteFixture azurite)
{
    /// <summary>The <c>usage</c> queue's max delivery count (bicep): the eleventh would be dead-lettered.</summary>
    private const int MaxDeliveries = 10;

    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static List<UsageRecord> Batch(int seed) => [.. Many(60, keys: 6, seed: seed).Where(record => record.StartedAt.Month == 11)];

    private static (UsageAggregateFunction Function, OutageAggregateStore Store, SkippingTimeProvider Time) Consumer(RunningApp app, TimeSpan outage, AggregationOptions? options = null)
    {
        var time = new SkippingTimeProvider(Now);
        var store = new OutageAggregateStore(app.App.Services.GetRequiredService<TableAggregateStore>(), time) { Until = Now + outage };
        var function = new UsageAggregateFunction(
            new UsageAggregator(store, time, NullLogger<UsageAggregator>.Instance),
            app.App.Services.GetRequiredService<BudgetAlertPublisher>(),
            app.App.Services.GetRequiredService<IPoisonMessageStore>(),
            Options.Create(options ?? new AggregationOptions()),
            time,
            NullLogger<UsageAggregateFunction>.Instance);
        return (function, store, time);
    }

    // Forty seconds, not more: every pause is at most 15 s, so the last failed attempt (before 40 s) is always followed
    // by one inside the 60 s window, whatever the jitter draws.
    [Fact]
    public async Task InvokeAsync_StorageDownForFortySeconds_BacksOffInsideTheInvocationAndCountsTheBatch()
    {
        await using var app = await RunningApp.StartAsync(azurite);
        var (function, store, time) = Consumer(app, TimeSpan.FromSeconds(40));
        var records = Batch(seed: 41);

        var result = await function.InvokeAsync(UsageAggregatePayload.Request(records, deliveryCount: 1), CancellationToken.None);

        Assert.Equal(PayloadOutcome.Success, result.Outcome);
        Assert.InRange(time.Elapsed, TimeSpan.FromSeconds(40), new AggregationOptions().StorageRetryWindow);
        Assert.InRange(store.Failures, 5, 20);
        var total = await AggregatesProbe.MonthTotalAsync(app, "2026-11");
        Assert.Equal((records.Count, records.Sum(record => record.CostUsd ?? 0m)), (total.Requests, total.CostUsd));
    }

    [Fact]
    public async Task InvokeAsync_StorageDownLongerThanTheWindow_AnswersTransientFailureWhenTheWindowIsUsed()
    {
        await using var app = await RunningApp.StartAsync(azurite);
        var options = new AggregationOptions { StorageRetryWindow = TimeSpan.FromSeconds(90) };
        var (function, store, time) = Consumer(app, TimeSpan.FromHours(1), options);

        var result = await function.InvokeAsync(UsageAggregatePayload.Request(Batch(seed: 42), deliveryCount: 1), CancellationToken.None);

        Assert.Equal(PayloadOutcome.TransientFailure, result.Outcome);
        Assert.Contains("redelivered", result.Reason, StringComparison.Ordinal);
        Assert.InRange(time.Elapsed, options.StorageRetryWindow - StorageBackoff.MaxDelay, options.StorageRetryWindow);
        Assert.True(store.Failures > 5);
    }

    [Fact]
    public async Task TenDeliveries_StorageDownForFiveMinutes_ABatchIsCountedBeforeItWouldBeDeadLettered()
    {
        await using var app = await RunningApp.StartAsync(azurite);
        var (function, _, time) = Consumer(app, TimeSpan.FromMinutes(5));
        var records = Batch(seed: 43);

        var deliveries = await DeliverUntilCountedAsync(function, records);

        Assert.InRange(deliveries, 2, MaxDeliveries);
        Assert.InRange(time.Elapsed, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5) + new AggregationOptions().StorageRetryWindow);
        var total = await AggregatesProbe.MonthTotalAsync(app, "2026-11");
        Assert.Equal((records.Count, records.Sum(record => record.CostUsd ?? 0m)), (total.Requests, total.CostUsd));
    }

    [Fact]
    public async Task TenDeliveries_WithoutBackoffInsideTheInvocation_AllFailWithinSecondsOfAnOutage()
    {
        // How it was: each failed delivery answered at once, and the broker redelivers at once.
        await using var app = await RunningApp.StartAsync(azurite);
        var (function, store, time) = Consumer(app, TimeSpan.FromSeconds(106), new AggregationOptions { StorageRetryWindow = TimeSpan.Zero });

        var deliveries = await DeliverUntilCountedAsync(function, Batch(seed: 44));

        Assert.Equal(MaxDeliveries + 1, deliveries);
        Assert.Equal(MaxDeliveries, store.Failures);
        Assert.Equal(TimeSpan.Zero, time.Elapsed);
    }

    /// <summary>Delivers the batch as Service Bus would, up to <see cref="MaxDeliveries"/> times; the delivery that succeeded, or one more than allowed.</summary>
    private static async Task<int> DeliverUntilCountedAsync(UsageAggregateFunction function, List<UsageRecord> records)
    {
        for (var delivery = 1; delivery <= MaxDeliveries; delivery++)
        {
            var result = await function.InvokeAsync(UsageAggregatePayload.Request(records, delivery), CancellationToken.None);
            if (result.Outcome == PayloadOutcome.Success)
            {
                return delivery;
            }

            Assert.Equal(PayloadOutcome.TransientFailure, result.Outcome);
        }

        return MaxDeliveries + 1;
    }
}
