namespace KeyMeter.Core.Queues;

/// <summary>One message for an <see cref="IQueueSender"/>.</summary>
/// <param name="MessageId">Deterministic id; the queue's duplicate-detection key (at most 128 characters).</param>
/// <param name="Body">The UTF-8 message body.</param>
/// <param name="ContentType">The body's media type.</param>
public sealed record QueueMessage(string MessageId, ReadOnlyMemory<byte> Body, string ContentType = "application/json");
