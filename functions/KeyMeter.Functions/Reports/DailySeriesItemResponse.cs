namespace KeyMeter.Functions.Reports;

/// <summary>One series of <c>GET /reports/daily</c>: a value, its total and its spend on each day.</summary>
internal sealed record DailySeriesItemResponse(string Value, decimal TotalUsd, IReadOnlyList<decimal> SpendUsd);
