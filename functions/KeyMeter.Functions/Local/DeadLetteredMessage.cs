using KeyMeter.Core.Queues;

namespace KeyMeter.Functions.Local;

/// <summary>A message parked after <see cref="LocalOptions.MaxDeliveryCount"/> failed deliveries.</summary>
/// <param name="Id">Its id among the parked messages of its queue: ordered by when it was parked.</param>
/// <param name="QueueName">The queue it was sent to.</param>
/// <param name="FunctionName">The function that kept failing.</param>
/// <param name="Message">The message as sent.</param>
/// <param name="DeliveryCount">Deliveries made.</param>
/// <param name="Reason">The last failure, e.g. <c>HTTP 500</c>.</param>
/// <param name="DeadLetteredAt">When it was parked.</param>
internal sealed record DeadLetteredMessage(
    string Id,
    string QueueName,
    string FunctionName,
    QueueMessage Message,
    int DeliveryCount,
    string Reason,
    DateTimeOffset DeadLetteredAt)
{
    /// <summary>A new id for a message parked at <paramref name="at"/>: sorts by time, unique by a random part.</summary>
    public static string NewId(DateTimeOffset at) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{at.UtcTicks:D19}-{Guid.NewGuid():N}");
}
