using KeyMeter.Core.Aggregation;

namespace KeyMeter.Core.Reports;

/// <summary>
/// Folds daily rows into a <see cref="DailySeriesReport"/>: spend is <c>costUsd + cursorFeeUsd</c>; the
/// <c>top</c> values with the most spend over the range get a series each, the remainder of every day's
/// organisation total goes to <see cref="Other"/> (left out when it is zero throughout).
/// </summary>
internal static class DailySeriesBuilder
{
    public const string Other = "(other)";

    public static DailySeriesReport Build(
        ReportRange range,
        ReportGroupBy groupBy,
        int top,
        IEnumerable<(DateOnly Day, string Value, AggregateCounters Counters)> organisation,
        IEnumerable<(DateOnly Day, string Value, AggregateCounters Counters)> values)
    {
        ArgumentNullException.ThrowIfNull(range);
        ArgumentNullException.ThrowIfNull(groupBy);
        var days = range.EachDay().ToList();
        var index = days.Select((day, position) => (day, position)).ToDictionary(entry => entry.day, entry => entry.position);
        var totals = new decimal[days.Count];
        foreach (var (day, _, counters) in organisation)
        {
            if (index.TryGetValue(day, out var position))
            {
                totals[position] += Spend(counters);
            }
        }

        var byValue = new Dictionary<string, decimal[]>(StringComparer.Ordinal);
        foreach (var (day, value, counters) in values)
        {
            if (!index.TryGetValue(day, out var position))
            {
                continue;
            }

            if (!byValue.TryGetValue(value, out var spend))
            {
                spend = new decimal[days.Count];
                byValue.Add(value, spend);
            }

            spend[position] += Spend(counters);
        }

        var series = byValue
            .Select(entry => new DailySeries(entry.Key, entry.Value))
            .Where(item => item.TotalUsd != 0m)
            .OrderByDescending(item => item.TotalUsd).ThenBy(item => item.Value, StringComparer.Ordinal)
            .Take(top)
            .ToList();
        var other = new decimal[days.Count];
        for (var i = 0; i < days.Count; i++)
        {
            other[i] = totals[i] - series.Sum(item => item.SpendUsd[i]);
        }

        if (other.Any(amount => amount != 0m))
        {
            series.Add(new DailySeries(Other, other));
        }

        return new DailySeriesReport(range, groupBy, days, totals, series);
    }

    private static decimal Spend(AggregateCounters counters) => counters.CostUsd + counters.CursorFeeUsd;
}
