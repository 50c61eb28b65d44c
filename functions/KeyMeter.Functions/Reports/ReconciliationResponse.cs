using KeyMeter.Core.Reports;

namespace KeyMeter.Functions.Reports;

/// <summary>The body of <c>GET /reports/reconciliation</c>: the findings first, then every developer's days.</summary>
internal sealed record ReconciliationResponse(
    DateOnly From,
    DateOnly To,
    ReconciliationCountsResponse Total,
    long UnmeteredRequests,
    IReadOnlyList<ReconciliationDeveloperResponse> Bypassing,
    IReadOnlyList<ReconciliationDeveloperResponse> WithoutKey,
    IReadOnlyList<ReconciliationDeveloperDaysResponse> Developers)
{
    public static ReconciliationResponse Of(ReconciliationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new ReconciliationResponse(
            report.Range.From,
            report.Range.To,
            ReconciliationCountsResponse.Of(report.Total),
            report.UnmeteredRequests,
            [.. report.Bypassing.Select(ReconciliationDeveloperResponse.Of)],
            [.. report.WithoutKey.Select(ReconciliationDeveloperResponse.Of)],
            [.. report.Developers.Select(ReconciliationDeveloperDaysResponse.Of)]);
    }
}
