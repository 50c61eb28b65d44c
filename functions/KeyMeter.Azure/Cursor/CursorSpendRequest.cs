namespace KeyMeter.Azure.Cursor;

/// <summary>The body of <c>POST /teams/spend</c>; <paramref name="Page"/> starts at 1 (reference/cursor-api.md §1.5).</summary>
internal sealed record CursorSpendRequest(int Page, int PageSize);
