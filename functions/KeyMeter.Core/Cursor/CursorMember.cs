using System.Text.Json.Serialization;

namespace KeyMeter.Core.Cursor;

/// <summary>One row of <c>teamMembers</c> from <c>GET /teams/members</c>. <see cref="Id"/> was a number, now <c>user_…</c>.</summary>
public sealed class CursorMember
{
    [JsonConverter(typeof(CursorFlexibleStringConverter))]
    public string? Id { get; init; }

    public string? Email { get; init; }

    public string? Name { get; init; }

    /// <summary><c>member</c>, <c>owner</c>, or <c>free-owner</c> (an unpaid admin without a seat).</summary>
    public string? Role { get; init; }

    public bool IsRemoved { get; init; }
}
