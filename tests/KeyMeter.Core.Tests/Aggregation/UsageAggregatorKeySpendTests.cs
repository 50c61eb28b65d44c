using KeyMeter.Core.Aggregation;
using KeyMeter.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using static KeyMeter.Testing.AggregationFixtures;

namespace KeyMeter.Core.Tests.Aggregation;

public sealed class UsageAggregatorKeySpendTests
{
    private const string KeyA = "key_0000000000000000aaaa";
    private const string KeyB = "key_0000000000000000bbbb";

    private static UsageAggregator Aggregator(IAggregateStore store) =>
        new(store, new ManualTimeProvider(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero)), NullLogger<UsageAggregator>.Instance);

    private static readonly DateTimeOffset Day20 = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task KeySpend_AfterCounting_DayAndMonthOfEveryKeyAndDay()
    {
        var store = new InMemoryAggregateStore();
        var aggregator = Aggregator(store);
        var earlier = new[] { Record("r1", KeyA, Day20, cost: 1m), Record("r2", KeyB, Day20, cost: 10m) };
        await aggregator.AggregateAsync(earlier, CancellationToken.None);
        var batch = new[] { Record("r3", KeyA, Day20, cost: 2m), Record("r4", KeyA, Day20.AddDays(1), cost: 4.000001m), Record("r5", "", Day20, cost: 100m) };
        await aggregator.AggregateAsync(batch, CancellationToken.None);

        var spend = await aggregator.KeySpendAsync(batch, CancellationToken.None);

        Assert.Equal(
            [new KeySpend(KeyA, new DateOnly(2026, 11, 20), 3m, 7.000001m), new KeySpend(KeyA, new DateOnly(2026, 11, 21), 4.000001m, 7.000001m)],
            spend.OrderBy(item => item.Day));
    }

    [Fact]
    public async Task KeySpend_RedeliveredBatchOnAnotherInstance_SameFiguresReadFromStorage()
    {
        var store = new InMemoryAggregateStore();
        var batch = new[] { Record("r1", KeyA, Day20, cost: 1.5m), Record("r2", KeyA, Day20, cost: 0.25m) };
        await Aggregator(store).AggregateAsync(batch, CancellationToken.None);
        var other = Aggregator(store);

        var result = await other.AggregateAsync(batch, CancellationToken.None);
        var spend = await other.KeySpendAsync(batch, CancellationToken.None);

        Assert.Equal(2, result.Duplicates);
        Assert.Equal([new KeySpend(KeyA, new DateOnly(2026, 11, 20), 1.75m, 1.75m)], spend);
    }
}
