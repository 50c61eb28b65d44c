namespace KeyMeter.Functions.Tests.DeadLetters;

/// <summary>A message in the <see cref="ServiceBusStandIn"/>: its id, body, type, and the lock on it when taken.</summary>
internal sealed class StandInMessage(long sequenceNumber, string messageId, byte[] body, string contentType)
{
    public long SequenceNumber { get; } = sequenceNumber;

    public string MessageId { get; } = messageId;

    public byte[] Body { get; } = body;

    public string ContentType { get; } = contentType;

    public int DeliveryCount { get; set; } = 10;

    public string? LockToken { get; set; }
}
