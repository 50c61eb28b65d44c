using KeyMeter.Core.Reports;

namespace KeyMeter.Functions.Reports;

/// <summary>The body of <c>GET /reports/keys/{id}/daily</c>: every day of the range, zeros included.</summary>
internal sealed record KeyDailyResponse(
    string KeyId,
    DateOnly From,
    DateOnly To,
    string Currency,
    CountersResponse Total,
    IReadOnlyList<DayResponse> Days)
{
    public static KeyDailyResponse Of(KeyDailyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new KeyDailyResponse(
            report.KeyId,
            report.Range.From,
            report.Range.To,
            ReportEndpoints.Currency,
            new CountersResponse(report.Total),
            [.. report.Days.Select(DayResponse.Of)]);
    }
}
