namespace KeyMeter.Functions.DeadLetters;

/// <summary>One dead letter as listed; never its body.</summary>
internal sealed record DeadLetterItemResponse(string MessageId, int DeliveryCount, string Reason);
