using KeyMeter.Core.Aggregation;
using KeyMeter.Core.Metering;
using KeyMeter.Core.Reports;
using static KeyMeter.Core.Tests.Reports.ReportFixtures;

namespace KeyMeter.Core.Tests.Reports;

public sealed class AggregateReportsSummaryTests
{
    private readonly InMemoryAggregateReader _reader = new();
    private readonly AggregateReports _reports;

    public AggregateReportsSummaryTests() => _reports = new AggregateReports(_reader);

    private static ReportRange Range(string from, string to) => new(Day(from), Day(to));

    private Task<SummaryReport> SummaryAsync(string from, string to, ReportGroupBy groupBy) =>
        _reports.SummaryAsync(Range(from, to), groupBy, CancellationToken.None);

    [Fact]
    public async Task Summary_ByDeveloper_SumsDaysAndSortsByCostThenValue()
    {
        _reader.Add(Record("2026-03-02", owner: "Carol@Example.com", cost: 0.5m))
            .Add(Record("2026-03-03", owner: "carol@example.com", cost: 0.25m))
            .Add(Record("2026-03-02", owner: "bob@example.com", cost: 0.75m))
            .Add(Record("2026-03-04", owner: "alice@example.com", cost: 0.75m))
            .Add(Record("2026-03-05", owner: "dave@example.com", cost: 9m));

        var report = await SummaryAsync("2026-03-01", "2026-03-04", ReportGroupBy.Developer);

        Assert.Equal(["alice@example.com", "bob@example.com", "carol@example.com"], report.Groups.Select(group => group.Value));
        Assert.Equal([0.75m, 0.75m, 0.75m], report.Groups.Select(group => group.Counters.CostUsd));
        Assert.Equal(2, report.Groups[2].Counters.Requests);
        Assert.Equal(2.25m, report.Total.CostUsd);
        Assert.Equal(4, report.Total.Requests);
    }

    [Fact]
    public async Task Summary_ByModel_HighestCostFirst()
    {
        _reader.Add(Record("2026-03-02", model: "gpt-5-mini", provider: "openai", cost: 0.1m))
            .Add(Record("2026-03-02", model: "gpt-5", provider: "openai", cost: 2m))
            .Add(Record("2026-03-03", model: "claude-sonnet-4-5", cost: 1m));

        var report = await SummaryAsync("2026-03-01", "2026-03-31", ReportGroupBy.Model);

        Assert.Equal(["gpt-5", "claude-sonnet-4-5", "gpt-5-mini"], report.Groups.Select(group => group.Value));
    }

    [Fact]
    public async Task Summary_WholeMonthInside_OneQueryPerMonthRollupForTheWholeMonth()
    {
        await SummaryAsync("2026-01-25", "2026-03-02", ReportGroupBy.Developer);

        Assert.Equal(
            [
                new AggregateReaderCall("2026-01", false, Day("2026-01-25"), Day("2026-01-31"), "developer", null),
                new AggregateReaderCall("2026-02", true, null, null, "developer", null),
                new AggregateReaderCall("2026-03", false, Day("2026-03-01"), Day("2026-03-02"), "developer", null),
            ],
            _reader.Calls.OrderBy(call => call.Partition, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Summary_ByTagWholeMonthInside_AllRollupsInOneQueryOrganisationBesideDailyTagRows()
    {
        await SummaryAsync("2026-01-25", "2026-03-02", ReportGroupBy.Team);

        Assert.Equal(
            [
                new AggregateReaderCall("2026-01", false, Day("2026-01-25"), Day("2026-01-31"), "org", null),
                new AggregateReaderCall("2026-01", false, Day("2026-01-25"), Day("2026-01-31"), "tag.team", null),
                new AggregateReaderCall("2026-02", true, null, null, null, null),
                new AggregateReaderCall("2026-03", false, Day("2026-03-01"), Day("2026-03-02"), "org", null),
                new AggregateReaderCall("2026-03", false, Day("2026-03-01"), Day("2026-03-02"), "tag.team", null),
            ],
            _reader.Calls.OrderBy(call => call.Partition, StringComparer.Ordinal).ThenBy(call => call.Dimension, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Summary_MixedRollupAndDailyRows_CountsEachDayInRangeOnce()
    {
        _reader.Add(Record("2026-01-24", cost: 100m))
            .Add(Record("2026-01-31", cost: 1m))
            .Add(Record("2026-02-01", cost: 2m))
            .Add(Record("2026-02-28", cost: 4m, owner: "bob@example.com"))
            .Add(Record("2026-03-02", cost: 8m))
            .Add(Record("2026-03-03", cost: 100m));

        var report = await SummaryAsync("2026-01-25", "2026-03-02", ReportGroupBy.Developer);

        Assert.Equal(15m, report.Total.CostUsd);
        Assert.Equal(4, report.Total.Requests);
        Assert.Equal([("alice@example.com", 11m), ("bob@example.com", 4m)], report.Groups.Select(group => (group.Value, group.Counters.CostUsd)));
    }

    [Fact]
    public async Task Summary_WholeMonth_UsesTheRollupRowsNotTheDays()
    {
        _reader.Add(Record("2026-02-10", cost: 1m));
        var rollup = AggregateRow.Monthly("2026-02", AggregateDimension.Developer, AggregateKeys.Bucket("alice@example.com", AggregateDimension.Developer));
        rollup.Add("alice@example.com", AggregateCounters.Zero with { Requests = 7, CostUsd = 70m });
        _reader.Put(rollup);

        var report = await SummaryAsync("2026-02-01", "2026-02-28", ReportGroupBy.Developer);

        Assert.Equal(70m, report.Total.CostUsd);
        Assert.Equal(7, Assert.Single(report.Groups).Counters.Requests);
        Assert.DoesNotContain(_reader.Calls, call => !call.Monthly);
    }

    [Fact]
    public async Task Summary_ByTag_RemainderIsUntagged()
    {
        _reader.Add(Record("2026-03-02", cost: 1m, tags: new Dictionary<string, string> { ["team"] = "platform" }))
            .Add(Record("2026-03-02", cost: 2m, tags: new Dictionary<string, string> { ["team"] = "payments", ["project"] = "checkout" }))
            .Add(Record("2026-03-03", cost: 4m, keyId: BobKey, owner: "bob@example.com"))
            .Add(Record("2026-03-03", cost: 8m, source: UsageSources.Cursor, keyId: string.Empty));

        var team = await SummaryAsync("2026-03-01", "2026-03-10", ReportGroupBy.Team);
        var project = await SummaryAsync("2026-03-01", "2026-03-10", ReportGroupBy.Project);

        Assert.Equal([("(untagged)", 12m), ("payments", 2m), ("platform", 1m)], team.Groups.Select(group => (group.Value, group.Counters.CostUsd)));
        Assert.Equal(2, team.Groups[0].Counters.Requests);
        Assert.Equal(15m, team.Total.CostUsd);
        Assert.Equal([("(untagged)", 13m), ("checkout", 2m)], project.Groups.Select(group => (group.Value, group.Counters.CostUsd)));
    }

    [Fact]
    public async Task Summary_ByTagEveryRecordTagged_NoUntaggedGroup()
    {
        _reader.Add(Record("2026-03-02", tags: new Dictionary<string, string> { ["team"] = "platform" }));

        var report = await SummaryAsync("2026-03-01", "2026-03-10", ReportGroupBy.Team);

        Assert.Equal("platform", Assert.Single(report.Groups).Value);
    }

    [Fact]
    public async Task Summary_ByAnyTag_ReadsThatTagAndTheOrganisation()
    {
        _reader.Add(Record("2026-03-02", tags: new Dictionary<string, string> { ["cost-center"] = "cc-42" }));

        var report = await SummaryAsync("2026-03-01", "2026-03-10", ReportGroupBy.Parse("tag.cost-center").Value!);

        Assert.Equal("cc-42", Assert.Single(report.Groups).Value);
        Assert.Equal(["org", "tag.cost-center"], _reader.Calls.Select(call => call.Dimension).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Summary_ByKey_CursorUsageWithoutKeyIsItsOwnGroup()
    {
        _reader.Add(Record("2026-03-02", cost: 1m))
            .Add(Record("2026-03-02", cost: 3m, source: UsageSources.Cursor, keyId: string.Empty));

        var report = await SummaryAsync("2026-03-01", "2026-03-10", ReportGroupBy.Key);

        Assert.Equal([RecordDimensions.NoKey, AliceKey], report.Groups.Select(group => group.Value));
        Assert.Equal(4m, report.Total.CostUsd);
    }

    [Fact]
    public async Task Summary_ByDay_EveryDayInOrderWithZerosAndNoRollups()
    {
        _reader.Add(Record("2026-02-27", cost: 1m))
            .Add(Record("2026-03-01", cost: 2m))
            .Add(Record("2026-03-01", cost: 0.5m));

        var report = await SummaryAsync("2026-02-01", "2026-03-02", ReportGroupBy.Day);

        Assert.Equal(30, report.Groups.Count);
        Assert.Equal("2026-02-01", report.Groups[0].Value);
        Assert.Equal("2026-03-02", report.Groups[^1].Value);
        Assert.Equal(AggregateCounters.Zero, report.Groups[0].Counters);
        Assert.Equal(1m, report.Groups.Single(group => group.Value == "2026-02-27").Counters.CostUsd);
        Assert.Equal(2.5m, report.Groups.Single(group => group.Value == "2026-03-01").Counters.CostUsd);
        Assert.Equal(3.5m, report.Total.CostUsd);
        Assert.All(_reader.Calls, call => Assert.False(call.Monthly));
        Assert.All(_reader.Calls, call => Assert.Equal("org", call.Dimension));
        Assert.Equal(2, _reader.Calls.Count);
    }

    [Fact]
    public async Task Summary_NoUsage_ZeroTotalAndNoGroups()
    {
        var report = await SummaryAsync("2026-03-01", "2026-03-10", ReportGroupBy.Developer);

        Assert.Equal(AggregateCounters.Zero, report.Total);
        Assert.Empty(report.Groups);
    }

    [Fact]
    public async Task Summary_KeepsEveryCounterAndDecimalDigit()
    {
        _reader.Add(Record("2026-03-02", cost: 0.000001234567890123m, cursorFee: 0.0000375m, estimated: true))
            .Add(Record("2026-03-02", cost: null, tokens: new TokenUsage(1, 2, 3, 4, 5, 6)));

        var report = await SummaryAsync("2026-03-01", "2026-03-10", ReportGroupBy.Developer);

        Assert.Equal(new AggregateCounters(2, 101, 22, 8, 5, 55, 16, 0.000001234567890123m, 0.0000375m, 1, 1), report.Total);
        Assert.Equal(report.Total, Assert.Single(report.Groups).Counters);
    }

    [Fact]
    public async Task Summary_AcrossMonths_ReadsEveryMonthAtOnce()
    {
        _reader.Add(Record("2026-01-20")).Add(Record("2026-02-20")).Add(Record("2026-03-20"));
        _reader.HoldUntilConcurrent(5);

        var report = await SummaryAsync("2026-01-15", "2026-03-25", ReportGroupBy.Project);

        Assert.Equal(3, report.Total.Requests);
        Assert.Equal(5, _reader.Calls.Count);
    }
}
