namespace KeyMeter.Adapters.Cursor;

/// <summary>
/// The body of <c>POST /teams/filtered-usage-events</c>. Both dates are epoch milliseconds as JSON numbers and both are
/// inclusive, to the millisecond; <paramref name="Page"/> starts at 1, <paramref name="PageSize"/> is at most 1000.
/// </summary>
internal sealed record CursorUsageEventsRequest(long StartDate, long EndDate, int Page, int PageSize);
