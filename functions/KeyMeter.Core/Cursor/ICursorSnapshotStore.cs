namespace KeyMeter.Core.Cursor;

/// <summary>
/// Port to the roster and spend snapshots of <c>cursor-members</c> (table <c>cursorsnapshots</c>). Snapshots are
/// kept, never overwritten by a later day's.
/// </summary>
public interface ICursorSnapshotStore
{
    /// <summary>Stores the roster as read on <paramref name="day"/> (a second read that day replaces the first).</summary>
    Task SaveMembersAsync(DateOnly day, IReadOnlyList<CursorMember> members, CancellationToken cancellationToken);

    /// <summary>Stores one spend snapshot under its time.</summary>
    Task SaveSpendAsync(CursorSpendSnapshot snapshot, CancellationToken cancellationToken);
}
