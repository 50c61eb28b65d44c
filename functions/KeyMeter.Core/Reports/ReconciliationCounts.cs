namespace KeyMeter.Core.Reports;

/// <summary>
/// What one developer did in Cursor and through the proxy, side by side. Requests decide the status; tokens are there
/// to judge it (Cursor's BYOK tokens and the proxy's count the same calls in the same buckets when all is well).
/// </summary>
/// <param name="CursorByokRequests">Cursor events made with the developer's own provider key (source cursor, provider byok).</param>
/// <param name="ProxyRequests">Calls through the proxy with any of the developer's keys, whichever client made them.</param>
/// <param name="CursorBilledRequests">Cursor events Cursor billed (source cursor, any other provider).</param>
public sealed record ReconciliationCounts(
    long CursorByokRequests,
    long CursorByokTokens,
    long ProxyRequests,
    long ProxyTokens,
    long CursorBilledRequests)
{
    public static ReconciliationCounts Zero { get; } = new(0, 0, 0, 0, 0);

    /// <summary>Cursor requests of either kind.</summary>
    internal long CursorRequests => CursorByokRequests + CursorBilledRequests;

    public ReconciliationCounts Add(ReconciliationCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new ReconciliationCounts(
            checked(CursorByokRequests + other.CursorByokRequests),
            checked(CursorByokTokens + other.CursorByokTokens),
            checked(ProxyRequests + other.ProxyRequests),
            checked(ProxyTokens + other.ProxyTokens),
            checked(CursorBilledRequests + other.CursorBilledRequests));
    }
}
