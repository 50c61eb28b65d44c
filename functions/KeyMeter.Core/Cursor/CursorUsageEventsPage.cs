namespace KeyMeter.Core.Cursor;

/// <summary>One page of <c>POST /teams/filtered-usage-events</c>.</summary>
public sealed class CursorUsageEventsPage
{
    public long? TotalUsageEventsCount { get; init; }

    public CursorEventsPagination? Pagination { get; init; }

    public IReadOnlyList<CursorUsageEvent>? UsageEvents { get; init; }

    /// <summary>Whether another page follows; a response without pagination is the only page.</summary>
    public bool HasNextPage => Pagination?.HasNextPage ?? false;
}
