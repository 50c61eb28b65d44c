using KeyMeter.Core.Reports;

namespace KeyMeter.Functions.Reports;

/// <summary>One developer's day: its date (<c>yyyy-MM-dd</c>) and status first, then the two sides, flat.</summary>
internal sealed record ReconciliationDayResponse(
    DateOnly Date,
    string Status,
    long CursorByokRequests,
    long CursorByokTokens,
    long ProxyRequests,
    long ProxyTokens,
    long CursorBilledRequests,
    long? CursorApiKeyRequests)
{
    public static ReconciliationDayResponse Of(ReconciliationDay day)
    {
        ArgumentNullException.ThrowIfNull(day);
        var c = day.Counts;
        return new ReconciliationDayResponse(
            day.Date, day.Status, c.CursorByokRequests, c.CursorByokTokens, c.ProxyRequests, c.ProxyTokens, c.CursorBilledRequests, c.CursorApiKeyRequests);
    }
}
