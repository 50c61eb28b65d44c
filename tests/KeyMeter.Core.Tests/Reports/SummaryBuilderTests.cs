using KeyMeter.Core.Aggregation;
using KeyMeter.Core.Reports;
using static KeyMeter.Core.Tests.Reports.ReportFixtures;

namespace KeyMeter.Core.Tests.Reports;

public sealed class SummaryBuilderTests
{
    private static readonly ReportRange March = new(Day("2026-03-01"), Day("2026-03-31"));

    private static AggregateRow Row(AggregateDimension dimension, params (string Value, long Requests, decimal Cost)[] entries)
    {
        var row = AggregateRow.Daily(Day("2026-03-02"), dimension, 0);
        foreach (var (value, requests, cost) in entries)
        {
            row.Add(value, AggregateCounters.Zero with { Requests = requests, CostUsd = cost });
        }

        return row;
    }

    [Fact]
    public void Build_TagGrouping_TotalFromOrganisationRestUntagged()
    {
        var builder = new SummaryBuilder(March, ReportGroupBy.Team);
        builder.Add(Row(AggregateDimension.Organisation, ("all", 5, 10m)));
        builder.Add(Row(AggregateDimension.Tag("team"), ("platform", 2, 3m), ("payments", 1, 1m)));
        builder.Add(Row(AggregateDimension.Model, ("gpt-5", 5, 99m)));

        var report = builder.Build();

        Assert.Equal(10m, report.Total.CostUsd);
        Assert.Equal([("(untagged)", 6m), ("platform", 3m), ("payments", 1m)], report.Groups.Select(group => (group.Value, group.Counters.CostUsd)));
        Assert.Equal(2, report.Groups[0].Counters.Requests);
    }

    [Fact]
    public void Build_FixedDimension_TotalIsTheSumOfItsGroupsOtherRowsIgnored()
    {
        var builder = new SummaryBuilder(March, ReportGroupBy.Provider);
        builder.Add(Row(AggregateDimension.Provider, ("openai", 1, 2m), ("anthropic", 1, 2m)));
        builder.Add(Row(AggregateDimension.Organisation, ("all", 9, 50m)));
        builder.Add(Row(AggregateDimension.Tag("team"), ("platform", 1, 50m)));

        var report = builder.Build();

        Assert.Equal(4m, report.Total.CostUsd);
        Assert.Equal(["anthropic", "openai"], report.Groups.Select(group => group.Value));
    }

    [Fact]
    public void Add_MonthlyRowToDayGrouping_Throws()
    {
        var builder = new SummaryBuilder(March, ReportGroupBy.Day);

        Assert.Throws<ArgumentException>(() => builder.Add(AggregateRow.Monthly("2026-03", AggregateDimension.Organisation, 0)));
    }
}
