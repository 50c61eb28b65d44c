using KeyMeter.Core.Reports;

namespace KeyMeter.Functions.Reports;

/// <summary>The body of <c>GET /reports/sessions</c>: the matching sessions, most expensive first.</summary>
/// <param name="Total">How many sessions match; <paramref name="Sessions"/> holds the first <c>limit</c>.</param>
/// <param name="TotalSpendUsd">The spend (cost and Cursor fee) of every matching session.</param>
internal sealed record SessionsResponse(
    DateOnly From,
    DateOnly To,
    string Currency,
    int IdleGapMinutes,
    int Total,
    decimal TotalSpendUsd,
    IReadOnlyList<SessionResponse> Sessions)
{
    public static SessionsResponse Of(SessionsReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new SessionsResponse(
            report.Range.From,
            report.Range.To,
            ReportEndpoints.Currency,
            (int)report.IdleGap.TotalMinutes,
            report.Total,
            report.TotalSpendUsd,
            [.. report.Sessions.Select(SessionResponse.Of)]);
    }
}
