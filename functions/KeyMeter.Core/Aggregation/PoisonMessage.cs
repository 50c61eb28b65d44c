namespace KeyMeter.Core.Aggregation;

/// <summary>A queue message that can never be counted, kept so an operator can see why and replay it once fixed.</summary>
/// <param name="MessageId">The queue message id (for usage records, the record id).</param>
/// <param name="Reason">Why it was refused; names the field, never echoes a value.</param>
/// <param name="Body">The body as received, cut to <see cref="MaxBodyChars"/>.</param>
public sealed record PoisonMessage(string Queue, string MessageId, int DeliveryCount, DateTimeOffset ReceivedAt, string Reason, string Body)
{
    public const int MaxBodyChars = 30_000;
}
