namespace KeyMeter.Core.Keys;

/// <summary>Names of the actions written to the audit trail.</summary>
public static class KeyAuditActions
{
    public const string Created = "created";
    public const string Updated = "updated";
    public const string Rotated = "rotated";
    public const string Revoked = "revoked";
}
