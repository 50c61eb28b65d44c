namespace KeyMeter.Core.Reports;

/// <summary>
/// How one developer's day in Cursor's ledger compares with the proxy's, by requests (Cursor's daily BYOK count where
/// it reported one, its BYOK events otherwise: <see cref="ReconciliationCounts.ByokRequests"/>). The proxy may see more than
/// Cursor's BYOK events: one Cursor request can be several model calls, and other clients (Claude Code, scripts) use
/// the same keys. So only a shortfall is a finding: BYOK traffic that went to the provider without passing KeyMeter.
/// </summary>
internal static class ReconciliationStatus
{
    /// <summary>Both sides have requests, and the proxy is short of Cursor's BYOK count by at most the tolerance.</summary>
    public const string Matched = "matched";

    /// <summary>Cursor BYOK requests and none through the proxy: the key is used straight against the provider.</summary>
    public const string Bypassing = "bypassing";

    /// <summary>Both sides have requests, but the proxy is short of Cursor's BYOK count by more than the tolerance.</summary>
    public const string Partial = "partial";

    /// <summary>Proxy requests and no Cursor BYOK ones: other clients, or Cursor's Admin API not polled (yet).</summary>
    public const string ProxyOnly = "proxy-only";

    /// <summary>Only Cursor-billed requests: nothing of the developer's own key to reconcile.</summary>
    public const string CursorBilledOnly = "cursor-billed-only";

    /// <summary>The absolute shortfall that is always matched: a call at midnight can land on either side of it.</summary>
    public const long ToleratedRequests = 1;

    /// <summary>The shortfall, in percent of Cursor's BYOK requests, that is still matched (retries, in-flight calls).</summary>
    public const long ToleratedPercent = 10;

    /// <summary>The status of a day, or null for a day without requests (a seat charge, say), which is not listed.</summary>
    public static string? Of(ReconciliationCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);

        // Reversals can take a day below zero; below zero is nothing.
        var byok = Math.Max(0, counts.ByokRequests);
        var proxy = Math.Max(0, counts.ProxyRequests);
        if (byok > 0)
        {
            return proxy == 0 ? Bypassing : IsTolerated(byok - proxy, byok) ? Matched : Partial;
        }

        return proxy > 0 ? ProxyOnly
            : counts.CursorBilledRequests > 0 ? CursorBilledOnly
            : null;
    }

    /// <summary>The requests of a day that went around the proxy: the shortfall of a bypassing or partial day.</summary>
    public static long Unmetered(string status, ReconciliationCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return status is Bypassing or Partial ? Math.Max(0, counts.ByokRequests - Math.Max(0, counts.ProxyRequests)) : 0;
    }

    private static bool IsTolerated(long shortfall, long byok) =>
        shortfall <= ToleratedRequests || shortfall * 100 <= byok * ToleratedPercent;
}
