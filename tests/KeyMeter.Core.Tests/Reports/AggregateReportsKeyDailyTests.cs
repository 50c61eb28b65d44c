using KeyMeter.Core.Aggregation;
using KeyMeter.Core.Reports;
using static KeyMeter.Core.Tests.Reports.ReportFixtures;

namespace KeyMeter.Core.Tests.Reports;

public sealed class AggregateReportsKeyDailyTests
{
    private readonly InMemoryAggregateReader _reader = new();
    private readonly AggregateReports _reports;

    public AggregateReportsKeyDailyTests() => _reports = new AggregateReports(_reader);

    [Fact]
    public async Task KeyDaily_UsageOnSomeDays_EveryDayWithZerosAndTotal()
    {
        _reader.Add(Record("2026-02-27", cost: 1m))
            .Add(Record("2026-03-01", cost: 2m))
            .Add(Record("2026-03-01", cost: 0.5m))
            .Add(Record("2026-03-01", keyId: BobKey, owner: "bob@example.com", cost: 64m))
            .Add(Record("2026-03-04", cost: 32m));

        var report = await _reports.KeyDailyAsync(AliceKey, new ReportRange(Day("2026-02-26"), Day("2026-03-03")), CancellationToken.None);

        Assert.True(report.HasUsage);
        Assert.Equal(AliceKey, report.KeyId);
        Assert.Equal(
            [("2026-02-26", 0m), ("2026-02-27", 1m), ("2026-02-28", 0m), ("2026-03-01", 2.5m), ("2026-03-02", 0m), ("2026-03-03", 0m)],
            report.Days.Select(day => (AggregateKeys.Day(day.Date), day.Counters.CostUsd)));
        Assert.Equal(AggregateCounters.Zero, report.Days[0].Counters);
        Assert.Equal(3.5m, report.Total.CostUsd);
        Assert.Equal(3, report.Total.Requests);
    }

    [Fact]
    public async Task KeyDaily_ReadsOnlyTheKeysBucketByDay()
    {
        var bucket = AggregateKeys.Bucket(AliceKey, AggregateDimension.Key);

        await _reports.KeyDailyAsync(AliceKey, new ReportRange(Day("2026-01-30"), Day("2026-03-31")), CancellationToken.None);

        Assert.Equal(
            [
                new AggregateReaderCall("2026-01", false, Day("2026-01-30"), Day("2026-01-31"), "key", bucket),
                new AggregateReaderCall("2026-02", false, Day("2026-02-01"), Day("2026-02-28"), "key", bucket),
                new AggregateReaderCall("2026-03", false, Day("2026-03-01"), Day("2026-03-31"), "key", bucket),
            ],
            _reader.Calls.OrderBy(call => call.Partition, StringComparer.Ordinal));
    }

    [Fact]
    public async Task KeyDaily_NoUsageOfThatKey_HasUsageFalseAndZeros()
    {
        _reader.Add(Record("2026-03-01", keyId: BobKey));

        var report = await _reports.KeyDailyAsync(AliceKey, new ReportRange(Day("2026-03-01"), Day("2026-03-02")), CancellationToken.None);

        Assert.False(report.HasUsage);
        Assert.Equal(2, report.Days.Count);
        Assert.Equal(AggregateCounters.Zero, report.Total);
    }
}
