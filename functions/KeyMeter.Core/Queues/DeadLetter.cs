namespace KeyMeter.Core.Queues;

/// <summary>One dead-lettered message as listed: its id, how often it was delivered, and why it was set aside.</summary>
/// <param name="MessageId">The message id it was sent with.</param>
/// <param name="DeliveryCount">Deliveries made before (and, in Service Bus, while listing) it was set aside.</param>
/// <param name="Reason">Why, as the broker or local mode recorded it; never the body.</param>
public sealed record DeadLetter(string MessageId, int DeliveryCount, string Reason);
