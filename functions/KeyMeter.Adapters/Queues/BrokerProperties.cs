namespace KeyMeter.Adapters.Queues;

/// <summary>
/// The <c>BrokerProperties</c> header of a Service Bus REST message: JSON with the system properties, names in
/// PascalCase (https://learn.microsoft.com/rest/api/servicebus/message-headers-and-properties).
/// </summary>
internal sealed class BrokerProperties
{
    public string? MessageId { get; init; }

    public string? LockToken { get; init; }

    public long? SequenceNumber { get; init; }

    public int? DeliveryCount { get; init; }
}
