using KeyMeter.Core.Reports;

namespace KeyMeter.Functions.Reports;

/// <summary>A developer in the <c>developers</c> list: totals and every day with requests.</summary>
internal sealed record ReconciliationDeveloperDaysResponse(
    string Developer,
    bool HasKey,
    long UnmeteredRequests,
    int BypassingDays,
    int PartialDays,
    ReconciliationCountsResponse Total,
    IReadOnlyList<ReconciliationDayResponse> Days)
{
    public static ReconciliationDeveloperDaysResponse Of(ReconciliationDeveloper developer)
    {
        ArgumentNullException.ThrowIfNull(developer);
        return new ReconciliationDeveloperDaysResponse(
            developer.Developer,
            developer.HasKey,
            developer.UnmeteredRequests,
            developer.BypassingDays,
            developer.PartialDays,
            ReconciliationCountsResponse.Of(developer.Total),
            [.. developer.Days.Select(ReconciliationDayResponse.Of)]);
    }
}
