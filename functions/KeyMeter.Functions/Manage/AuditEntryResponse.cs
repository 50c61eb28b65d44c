using KeyMeter.Core.Keys;

namespace KeyMeter.Functions.Manage;

/// <summary>One audit row as returned by <c>GET /manage/keys/{id}/audit</c>.</summary>
internal sealed record AuditEntryResponse(string Action, string Actor, DateTimeOffset At, string Changes)
{
    public static AuditEntryResponse Of(KeyAuditEntry entry) => new(entry.Action, entry.Actor, entry.At, entry.Changes);
}
