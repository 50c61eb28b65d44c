using KeyMeter.Core.Reports;

namespace KeyMeter.Functions.Reports;

/// <summary>
/// Cursor's side and the proxy's side of a developer, a day or the whole range. <c>cursorApiKeyRequests</c> is Cursor's
/// own daily BYOK count (null where it reported none); where present it is what the status compares with the proxy.
/// </summary>
internal sealed record ReconciliationCountsResponse(
    long CursorByokRequests,
    long CursorByokTokens,
    long ProxyRequests,
    long ProxyTokens,
    long CursorBilledRequests,
    long? CursorApiKeyRequests)
{
    public static ReconciliationCountsResponse Of(ReconciliationCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return new ReconciliationCountsResponse(
            counts.CursorByokRequests, counts.CursorByokTokens, counts.ProxyRequests, counts.ProxyTokens, counts.CursorBilledRequests, counts.CursorApiKeyRequests);
    }
}
