namespace KeyMeter.Adapters.Cursor;

/// <summary>The body of <c>POST /teams/spend</c>; <paramref name="Page"/> starts at 1 (https://cursor.com/docs/account/teams/admin-api).</summary>
internal sealed record CursorSpendRequest(int Page, int PageSize);
