using System.Runtime.CompilerServices;
using KeyMeter.Core.Aggregation;

namespace KeyMeter.Core.Reports;

/// <summary>
/// The entries of one day of one dimension, merged over its buckets and sorted by value, so an export lists a
/// dimension's values in order. Rows arrive by row key (day, then dimension, then bucket), so the buckets of a day and
/// dimension are next to each other and only they are held at a time.
/// </summary>
internal sealed record DayDimensionEntries(string Day, AggregateDimension Dimension, IReadOnlyList<KeyValuePair<string, AggregateCounters>> Entries)
{
    public static async IAsyncEnumerable<DayDimensionEntries> GroupAsync(
        IAsyncEnumerable<AggregateRow> rows, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        Dictionary<string, AggregateCounters>? entries = null;
        string? day = null;
        AggregateDimension dimension = default;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            if (row.IsMonthly)
            {
                throw new ArgumentException("Exports are made of daily rows only.", nameof(rows));
            }

            if (entries is not null && (row.Period != day || row.Dimension != dimension))
            {
                yield return Sorted(day!, dimension, entries);
                entries = null;
            }

            entries ??= new Dictionary<string, AggregateCounters>(StringComparer.Ordinal);
            (day, dimension) = (row.Period, row.Dimension);
            foreach (var (value, counters) in row.Entries)
            {
                entries[value] = entries.TryGetValue(value, out var current) ? current.Add(counters) : counters;
            }
        }

        if (entries is not null)
        {
            yield return Sorted(day!, dimension, entries);
        }
    }

    private static DayDimensionEntries Sorted(string day, AggregateDimension dimension, Dictionary<string, AggregateCounters> entries) =>
        new(day, dimension, [.. entries.OrderBy(entry => entry.Key, StringComparer.Ordinal)]);
}
