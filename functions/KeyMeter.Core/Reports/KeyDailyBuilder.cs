using KeyMeter.Core.Aggregation;

namespace KeyMeter.Core.Reports;

/// <summary>Folds daily rows of the key dimension into one key's <see cref="KeyDailyReport"/>; other rows are ignored.</summary>
internal sealed class KeyDailyBuilder(string keyId, ReportRange range)
{
    private readonly Dictionary<string, AggregateCounters> _days = new(StringComparer.Ordinal);
    private bool _hasUsage;

    public void Add(AggregateRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.IsMonthly || row.Dimension != AggregateDimension.Key || !row.Entries.TryGetValue(keyId, out var counters))
        {
            return;
        }

        _hasUsage = true;
        _days[row.Period] = _days.TryGetValue(row.Period, out var current) ? current.Add(counters) : counters;
    }

    public KeyDailyReport Build()
    {
        var days = range.EachDay()
            .Select(day => new ReportDay(day, _days.GetValueOrDefault(AggregateKeys.Day(day)) ?? AggregateCounters.Zero))
            .ToList();
        var total = days.Aggregate(AggregateCounters.Zero, (sum, day) => sum.Add(day.Counters));
        return new KeyDailyReport(keyId, range, total, days, _hasUsage);
    }
}
