namespace KeyMeter.Core.Cursor;

/// <summary>What one <c>cursor-members</c> run did.</summary>
/// <param name="Seats">Active paid members charged a seat day (0 when the seat price is 0).</param>
public sealed record CursorMembersRun(DateOnly Day, int Members, int Seats, int SpendRows);
