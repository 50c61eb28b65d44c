namespace KeyMeter.Core.Keys;

/// <summary>
/// One change to a key: who, what, when. <see cref="Changes"/> describes fields, never the secret
/// (a rotation records only that the secret changed).
/// </summary>
public sealed record KeyAuditEntry(string KeyId, string Action, string Actor, DateTimeOffset At, string Changes);
