namespace KeyMeter.Core.Cursor;

/// <summary>The body of <c>GET /teams/members</c>.</summary>
public sealed class CursorMembersResponse
{
    public IReadOnlyList<CursorMember>? TeamMembers { get; init; }
}
