using System.Runtime.CompilerServices;
using KeyMeter.Core.Agents;
using KeyMeter.Core.Aggregation;
using KeyMeter.Core.Keys;

namespace KeyMeter.Core.Reports;

/// <summary>
/// Runs the report queries (<see cref="ReportPlan"/>) against the aggregates. A summary or a key's days is a few
/// hundred rows at most, read by all its queries at once and folded in memory; an export streams its rows month by
/// month, so no more than one query's page of rows is ever held.
/// </summary>
public sealed class AggregateReports(IAggregateReader reader)
{
    public async Task<SummaryReport> SummaryAsync(ReportRange range, ReportGroupBy groupBy, CancellationToken cancellationToken)
    {
        var builder = new SummaryBuilder(range, groupBy);
        foreach (var rows in await ReadAllAsync(ReportPlan.Summary(range, groupBy), cancellationToken))
        {
            foreach (var row in rows)
            {
                builder.Add(row);
            }
        }

        return builder.Build();
    }

    public async Task<KeyDailyReport> KeyDailyAsync(string keyId, ReportRange range, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        var builder = new KeyDailyBuilder(keyId, range);
        foreach (var rows in await ReadAllAsync(ReportPlan.KeyDaily(keyId, range), cancellationToken))
        {
            foreach (var row in rows)
            {
                builder.Add(row);
            }
        }

        return builder.Build();
    }

    /// <summary>
    /// The budgets of <paramref name="keys"/> on <paramref name="day"/>: spend of the day and of its month up to it, both
    /// from the key dimension (<see cref="BudgetStatusBuilder"/>).
    /// </summary>
    public async Task<BudgetStatusReport> BudgetStatusAsync(IReadOnlyList<DeveloperKey> keys, DateOnly day, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var today = SummaryAsync(new ReportRange(day, day), ReportGroupBy.Key, cancellationToken);
        var month = SummaryAsync(new ReportRange(new DateOnly(day.Year, day.Month, 1), day), ReportGroupBy.Key, cancellationToken);
        return BudgetStatusBuilder.Build(day, keys, CostByValue(await today), CostByValue(await month));
    }

    /// <summary>
    /// Every value of <paramref name="dimension"/> on every day of <paramref name="range"/> that has usage: the daily rows
    /// of all its buckets, read month by month at once.
    /// </summary>
    internal async Task<IReadOnlyList<(DateOnly Day, string Value, AggregateCounters Counters)>> DailyValuesAsync(
        ReportRange range, AggregateDimension dimension, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(range);
        var values = new List<(DateOnly, string, AggregateCounters)>();
        foreach (var rows in await ReadAllAsync([.. range.Months().Select(month => ReportRead.DailyOf(month, dimension))], cancellationToken))
        {
            foreach (var row in rows)
            {
                var day = DateOnly.ParseExact(row.Period, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
                values.AddRange(row.Entries.Select(entry => (day, entry.Key, entry.Value)));
            }
        }

        return values;
    }

    /// <summary>Every session of <paramref name="range"/> (<see cref="SessionsBuilder"/>), from one read of its session rows.</summary>
    public async Task<IReadOnlyList<AgentSession>> SessionListAsync(ReportRange range, TimeSpan idleGap, CancellationToken cancellationToken) =>
        SessionsBuilder.Build(await DailyValuesAsync(range, AggregateDimension.Session, cancellationToken), idleGap);

    /// <summary>The sessions of <paramref name="range"/> that match the filters, most expensive first (<see cref="SessionsBuilder"/>).</summary>
    public async Task<SessionsReport> SessionsAsync(ReportRange range, TimeSpan idleGap, string? developer, string? agent, int limit, CancellationToken cancellationToken) =>
        SessionsBuilder.Report(range, await SessionListAsync(range, idleGap, cancellationToken), idleGap, developer, agent, limit);

    /// <summary>
    /// The agent comparison of <paramref name="range"/> (<see cref="AgentComparisonBuilder"/>): the range's sessions and
    /// the agent facts of the range and of the days before it that cumulative series start from.
    /// </summary>
    public async Task<AgentComparisonReport> AgentsAsync(ReportRange range, TimeSpan idleGap, IAgentFactStore facts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var sessions = SessionListAsync(range, idleGap, cancellationToken);
        var stored = facts.LoadAsync(AgentComparisonBuilder.FirstFactDay(range), range.To, cancellationToken);
        return AgentComparisonBuilder.Build(range, await sessions, await stored);
    }

    /// <summary>Spend per day of <paramref name="range"/>, one series per top value of <paramref name="groupBy"/> (<see cref="DailySeriesBuilder"/>).</summary>
    public async Task<DailySeriesReport> DailySeriesAsync(ReportRange range, ReportGroupBy groupBy, int top, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(groupBy);
        var organisation = DailyValuesAsync(range, AggregateDimension.Organisation, cancellationToken);
        var values = groupBy.IsDay ? Task.FromResult<IReadOnlyList<(DateOnly, string, AggregateCounters)>>([]) : DailyValuesAsync(range, groupBy.Dimension, cancellationToken);
        return DailySeriesBuilder.Build(range, groupBy, top, await organisation, await values);
    }

    private static Dictionary<string, decimal> CostByValue(SummaryReport report) =>
        report.Groups.ToDictionary(group => group.Value, group => group.Counters.CostUsd, StringComparer.Ordinal);

    /// <summary>Every daily row of the range, by row key (day, dimension, bucket), for <see cref="UsageCsvWriter"/>.</summary>
    public IAsyncEnumerable<AggregateRow> ReadDailyRowsAsync(ReportRange range, CancellationToken cancellationToken) =>
        StreamAsync(ReportPlan.UsageExport(range), cancellationToken);

    /// <summary>The daily rows of the line dimension, by row key, for <see cref="FocusCsvWriter"/>.</summary>
    public IAsyncEnumerable<AggregateRow> ReadLineRowsAsync(ReportRange range, CancellationToken cancellationToken) =>
        StreamAsync(ReportPlan.FocusExport(range), cancellationToken);

    /// <summary>Every read at once; the results in the order of <paramref name="reads"/>.</summary>
    private Task<AggregateRow[][]> ReadAllAsync(IReadOnlyList<ReportRead> reads, CancellationToken cancellationToken) =>
        Task.WhenAll(reads.Select(read => Read(read, cancellationToken).ToArrayAsync(cancellationToken).AsTask()));

    /// <summary>One read after the other, so the rows come in the order of <paramref name="reads"/>.</summary>
    private async IAsyncEnumerable<AggregateRow> StreamAsync(IReadOnlyList<ReportRead> reads, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var read in reads)
        {
            await foreach (var row in Read(read, cancellationToken))
            {
                yield return row;
            }
        }
    }

    private IAsyncEnumerable<AggregateRow> Read(ReportRead read, CancellationToken cancellationToken) => read.Monthly
        ? reader.ReadMonthlyAsync(read.Partition, read.Dimension, cancellationToken)
        : reader.ReadDailyAsync(read.Partition, read.First, read.Last, read.Dimension, read.Bucket, cancellationToken);
}
