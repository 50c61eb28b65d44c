namespace KeyMeter.Adapters.Queues;

/// <summary>A dead letter received under a peek-lock: what it says, and the URI that completes or releases the lock.</summary>
internal sealed record LockedMessage(string MessageId, int DeliveryCount, string Reason, string? ContentType, BinaryData Body, Uri LockUri);
