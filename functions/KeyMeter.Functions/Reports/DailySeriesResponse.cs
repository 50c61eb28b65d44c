using KeyMeter.Core.Reports;

namespace KeyMeter.Functions.Reports;

/// <summary>The body of <c>GET /reports/daily</c>: the days, each day's total, and one spend series per value.</summary>
internal sealed record DailySeriesResponse(
    DateOnly From,
    DateOnly To,
    string GroupBy,
    string Currency,
    IReadOnlyList<DateOnly> Days,
    IReadOnlyList<decimal> TotalUsd,
    IReadOnlyList<DailySeriesItemResponse> Series)
{
    public static DailySeriesResponse Of(DailySeriesReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new DailySeriesResponse(
            report.Range.From,
            report.Range.To,
            report.GroupBy.Name,
            ReportEndpoints.Currency,
            report.Days,
            report.Totals,
            [.. report.Series.Select(series => new DailySeriesItemResponse(series.Value, series.TotalUsd, series.SpendUsd))]);
    }
}
