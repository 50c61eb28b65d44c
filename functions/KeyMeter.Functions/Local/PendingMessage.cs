using KeyMeter.Core.Queues;

namespace KeyMeter.Functions.Local;

/// <summary>A message waiting in an in-process queue, with the broker properties Service Bus would add.</summary>
internal sealed record PendingMessage(QueueMessage Message, long SequenceNumber, DateTimeOffset EnqueuedTimeUtc);
