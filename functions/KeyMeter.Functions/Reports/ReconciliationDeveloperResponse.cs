using KeyMeter.Core.Reports;

namespace KeyMeter.Functions.Reports;

/// <summary>A developer as the <c>bypassing</c> and <c>withoutKey</c> lists show them: totals, without the days.</summary>
internal sealed record ReconciliationDeveloperResponse(
    string Developer,
    bool HasKey,
    long UnmeteredRequests,
    int BypassingDays,
    int PartialDays,
    ReconciliationCountsResponse Total)
{
    public static ReconciliationDeveloperResponse Of(ReconciliationDeveloper developer)
    {
        ArgumentNullException.ThrowIfNull(developer);
        return new ReconciliationDeveloperResponse(
            developer.Developer,
            developer.HasKey,
            developer.UnmeteredRequests,
            developer.BypassingDays,
            developer.PartialDays,
            ReconciliationCountsResponse.Of(developer.Total));
    }
}
