namespace KeyMeter.Core.Keys;

/// <summary>A key with the opaque version (ETag) it was read at, for optimistic concurrency.</summary>
public sealed record StoredKey(DeveloperKey Key, string Version);
