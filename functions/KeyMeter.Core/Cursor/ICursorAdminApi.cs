namespace KeyMeter.Core.Cursor;

/// <summary>
/// Port to Cursor's Admin API (<c>CursorAdminClient</c> in KeyMeter.Adapters, over HTTP). Every method throws
/// <see cref="CursorApiException"/> for a failure that retrying inside the call could not fix.
/// </summary>
public interface ICursorAdminApi
{
    /// <summary>
    /// One page of usage events with a timestamp from <paramref name="start"/> to <paramref name="end"/>, both
    /// inclusive to the millisecond; the range must not exceed 30 days. <paramref name="page"/> starts at 1.
    /// </summary>
    Task<CursorUsageEventsPage> GetUsageEventsAsync(DateTimeOffset start, DateTimeOffset end, int page, int pageSize, CancellationToken cancellationToken);

    /// <summary>The team roster, removed members included (flagged).</summary>
    Task<IReadOnlyList<CursorMember>> GetMembersAsync(CancellationToken cancellationToken);

    /// <summary>One page of the current billing cycle's spend per member. <paramref name="page"/> starts at 1.</summary>
    Task<CursorSpendPage> GetSpendAsync(int page, int pageSize, CancellationToken cancellationToken);

    /// <summary>
    /// Each active user's activity per UTC day (lines, tabs, requests by mode) from <paramref name="start"/> to
    /// <paramref name="end"/>; the range must not exceed 30 days.
    /// </summary>
    Task<IReadOnlyList<CursorDailyUsage>> GetDailyUsageAsync(DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken);
}
