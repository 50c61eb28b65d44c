using KeyMeter.Core.Aggregation;
using KeyMeter.Core.Metering;

namespace KeyMeter.Benchmarks.Aggregation;

/// <summary>The organisation's monthly rollups as stored, against what the records fed add up to.</summary>
internal static class OrganisationTotals
{
    public static async Task<AggregateCounters> ReadAsync(IAggregateReader reader, IEnumerable<string> partitions, CancellationToken cancellationToken)
    {
        var total = AggregateCounters.Zero;
        foreach (var partition in partitions)
        {
            await foreach (var row in reader.ReadMonthlyAsync(partition, AggregateDimension.Organisation, cancellationToken))
            {
                total = total.Add(row.Total());
            }
        }

        return total;
    }

    /// <summary>Each record counted once, however often it is in <paramref name="records"/>.</summary>
    public static AggregateCounters Of(IEnumerable<UsageRecord> records) =>
        records.DistinctBy(record => record.Id, StringComparer.Ordinal).Aggregate(AggregateCounters.Zero, (sum, record) => sum.Add(AggregateCounters.Of(record)));

    public static IReadOnlyList<string> Partitions(IEnumerable<UsageRecord> records) =>
        [.. records.Select(record => AggregateKeys.Partition(record.StartedAt)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}
