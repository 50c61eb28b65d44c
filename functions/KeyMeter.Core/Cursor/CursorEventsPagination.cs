namespace KeyMeter.Core.Cursor;

/// <summary>The <c>pagination</c> object of the usage-events response.</summary>
public sealed class CursorEventsPagination
{
    public int NumPages { get; init; }

    public int CurrentPage { get; init; }

    public int PageSize { get; init; }

    public bool HasNextPage { get; init; }

    public bool HasPreviousPage { get; init; }
}
