namespace KeyMeter.Core.Reports;

/// <summary>One developer over the range: totals, the days that went around the proxy, and every day with requests.</summary>
/// <param name="Developer">The lowercased email, or <c>(unknown)</c> for Cursor events without one.</param>
/// <param name="HasKey">True when the developer owns a KeyMeter key that is not revoked (now, not then).</param>
/// <param name="UnmeteredRequests">Cursor BYOK requests the proxy did not see, over the bypassing and partial days.</param>
public sealed record ReconciliationDeveloper(
    string Developer,
    bool HasKey,
    ReconciliationCounts Total,
    int BypassingDays,
    int PartialDays,
    long UnmeteredRequests,
    IReadOnlyList<ReconciliationDay> Days)
{
    /// <summary>True when some BYOK traffic of the developer did not pass KeyMeter.</summary>
    internal bool IsBypassing => BypassingDays + PartialDays > 0;
}
