namespace KeyMeter.Adapters.Cursor;

/// <summary>
/// The body of <c>POST /teams/daily-usage-data</c>: both dates epoch milliseconds as JSON numbers, at most 30 days apart.
/// No <c>page</c> or <c>pageSize</c>: without them Cursor returns every active user at once, and only active users have
/// anything to count (https://cursor.com/docs/account/teams/admin-api).
/// </summary>
internal sealed record CursorDailyUsageRequest(long StartDate, long EndDate);
