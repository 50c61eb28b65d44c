using KeyMeter.Core.Reports;

namespace KeyMeter.Functions.Reports;

/// <summary>The body of <c>GET /reports/summary</c>.</summary>
internal sealed record SummaryResponse(
    DateOnly From,
    DateOnly To,
    string GroupBy,
    string Currency,
    CountersResponse Total,
    IReadOnlyList<GroupResponse> Groups)
{
    public static SummaryResponse Of(SummaryReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new SummaryResponse(
            report.Range.From,
            report.Range.To,
            report.GroupBy.Name,
            ReportEndpoints.Currency,
            new CountersResponse(report.Total),
            [.. report.Groups.Select(GroupResponse.Of)]);
    }
}
