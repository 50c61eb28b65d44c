namespace KeyMeter.Core.Cursor;

/// <summary>
/// The body of <c>POST /teams/daily-usage-data</c> asked for without paging: the active users only, all in
/// <see cref="Data"/> (https://cursor.com/docs/account/teams/admin-api).
/// </summary>
public sealed class CursorDailyUsageResponse
{
    public IReadOnlyList<CursorDailyUsage>? Data { get; init; }
}
