using KeyMeter.Core.Aggregation;

namespace KeyMeter.Core.Reports;

/// <summary>
/// Folds aggregate rows, daily or monthly, into a <see cref="SummaryReport"/>: rows of the grouping dimension make the
/// groups, rows of other dimensions are ignored except the organisation's, which make the total of a tag grouping.
/// </summary>
/// <remarks>
/// The total is the organisation's. A tag's values cover only the records with that tag, so a tag grouping takes it
/// from the organisation rows and shows the rest as <see cref="Untagged"/>. Every record has exactly one value in each
/// fixed dimension (<see cref="RecordDimensions"/>), so for those groupings the sum of the groups is that same total and
/// the organisation rows need not be read at all.
/// </remarks>
internal sealed class SummaryBuilder
{
    /// <summary>The group of a tag grouping that holds the usage of keys without the tag.</summary>
    public const string Untagged = "(untagged)";

    private readonly ReportRange _range;
    private readonly ReportGroupBy _groupBy;
    private readonly Dictionary<string, AggregateCounters> _groups = new(StringComparer.Ordinal);
    private AggregateCounters _total = AggregateCounters.Zero;

    public SummaryBuilder(ReportRange range, ReportGroupBy groupBy)
    {
        ArgumentNullException.ThrowIfNull(range);
        ArgumentNullException.ThrowIfNull(groupBy);
        _range = range;
        _groupBy = groupBy;
        if (groupBy.IsDay)
        {
            foreach (var day in range.EachDay())
            {
                _groups[AggregateKeys.Day(day)] = AggregateCounters.Zero;
            }
        }
    }

    public void Add(AggregateRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (_groupBy.IsDay && row.IsMonthly)
        {
            throw new ArgumentException("A summary by day is made of daily rows only.", nameof(row));
        }

        if (_groupBy.IsTag && row.Dimension == AggregateDimension.Organisation)
        {
            _total = _total.Add(row.Total());
        }

        if (row.Dimension != _groupBy.Dimension)
        {
            return;
        }

        if (!_groupBy.IsTag)
        {
            _total = _total.Add(row.Total());
        }

        if (_groupBy.IsDay)
        {
            AddTo(row.Period, row.Total());
            return;
        }

        foreach (var (value, counters) in row.Entries)
        {
            AddTo(value, counters);
        }
    }

    public SummaryReport Build()
    {
        var groups = _groups.Select(group => new ReportGroup(group.Key, group.Value)).ToList();

        // What the organisation total has on top of a tag's values is the usage of keys without the tag.
        if (_groupBy.IsTag)
        {
            var tagged = groups.Aggregate(AggregateCounters.Zero, (sum, group) => sum.Add(group.Counters));
            var untagged = _total.Subtract(tagged);
            if (untagged != AggregateCounters.Zero)
            {
                groups.Add(new ReportGroup(Untagged, untagged));
            }
        }

        var ordered = _groupBy.IsDay
            ? groups.OrderBy(group => group.Value, StringComparer.Ordinal)
            : groups.OrderByDescending(group => group.Counters.CostUsd).ThenBy(group => group.Value, StringComparer.Ordinal);
        return new SummaryReport(_range, _groupBy, _total, [.. ordered]);
    }

    private void AddTo(string value, AggregateCounters counters) =>
        _groups[value] = _groups.TryGetValue(value, out var current) ? current.Add(counters) : counters;
}
