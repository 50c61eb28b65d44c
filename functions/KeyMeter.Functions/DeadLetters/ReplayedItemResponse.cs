namespace KeyMeter.Functions.DeadLetters;

/// <summary>A replayed dead letter: its original message id and the id it went back to the queue with.</summary>
internal sealed record ReplayedItemResponse(string MessageId, string ReplayedAs);
