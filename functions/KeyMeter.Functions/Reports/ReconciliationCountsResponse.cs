using KeyMeter.Core.Reports;

namespace KeyMeter.Functions.Reports;

/// <summary>Cursor's side and the proxy's side of a developer, a day or the whole range.</summary>
internal sealed record ReconciliationCountsResponse(
    long CursorByokRequests,
    long CursorByokTokens,
    long ProxyRequests,
    long ProxyTokens,
    long CursorBilledRequests)
{
    public static ReconciliationCountsResponse Of(ReconciliationCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return new ReconciliationCountsResponse(
            counts.CursorByokRequests, counts.CursorByokTokens, counts.ProxyRequests, counts.ProxyTokens, counts.CursorBilledRequests);
    }
}
