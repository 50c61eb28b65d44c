namespace KeyMeter.Functions.Manage;

/// <summary>Log events of key management (EventIds 3000–3099). Key ids only, never secrets or hashes.</summary>
internal static partial class ManageLog
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "Key {KeyId} created")]
    public static partial void KeyCreated(ILogger logger, string keyId);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Key {KeyId} updated")]
    public static partial void KeyUpdated(ILogger logger, string keyId);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Key {KeyId} rotated; the previous secret no longer works")]
    public static partial void KeyRotated(ILogger logger, string keyId);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Key {KeyId} revoked")]
    public static partial void KeyRevoked(ILogger logger, string keyId);
}
