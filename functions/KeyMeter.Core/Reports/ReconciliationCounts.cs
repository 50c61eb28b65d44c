namespace KeyMeter.Core.Reports;

/// <summary>
/// What one developer did in Cursor and through the proxy, side by side. Requests decide the status; tokens are there
/// to judge it (Cursor's BYOK tokens and the proxy's count the same calls in the same buckets when all is well).
/// </summary>
/// <param name="CursorByokRequests">Cursor events made with the developer's own provider key (source cursor, provider byok).</param>
/// <param name="ProxyRequests">Calls through the proxy with any of the developer's keys, whichever client made them.</param>
/// <param name="CursorBilledRequests">Cursor events Cursor billed (source cursor, any other provider).</param>
/// <remarks>
/// <see cref="CursorApiKeyRequests"/> is Cursor's own count of the developer's BYOK requests (<c>apiKeyReqs</c> of
/// <c>/teams/daily-usage-data</c>); where Cursor reported it, it is the authoritative count the proxy is compared with
/// (<see cref="ByokRequests"/>), and the event-level count is a detail.
/// </remarks>
public sealed record ReconciliationCounts(
    long CursorByokRequests,
    long CursorByokTokens,
    long ProxyRequests,
    long ProxyTokens,
    long CursorBilledRequests)
{
    public static ReconciliationCounts Zero { get; } = new(0, 0, 0, 0, 0);

    /// <summary>Cursor's daily count of BYOK requests (<c>apiKeyReqs</c>); null where Cursor's daily usage did not report one.</summary>
    public long? CursorApiKeyRequests { get; init; }

    /// <summary>The BYOK requests the proxy should have seen: Cursor's daily count where there is one, else its BYOK events.</summary>
    public long ByokRequests => CursorApiKeyRequests ?? CursorByokRequests;

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
            checked(CursorBilledRequests + other.CursorBilledRequests))
        {
            CursorApiKeyRequests = CursorApiKeyRequests is null && other.CursorApiKeyRequests is null
                ? null
                : checked((CursorApiKeyRequests ?? 0) + (other.CursorApiKeyRequests ?? 0)),
        };
    }
}
