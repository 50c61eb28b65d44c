namespace KeyMeter.Core.Queues;

/// <summary>A dead letter sent back to its queue: its original message id and the id it was sent with.</summary>
public sealed record ReplayedMessage(string MessageId, string ReplayedAs);
