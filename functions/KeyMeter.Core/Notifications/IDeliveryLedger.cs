namespace KeyMeter.Core.Notifications;

/// <summary>
/// Port to the delivery ledger (table <c>deliveries</c>): per message id and channel, whether it is being sent, was
/// sent, or was refused. It is what makes a message delivered twice (a redelivered alert, a digest run again) reach
/// each channel once.
/// </summary>
public interface IDeliveryLedger
{
    /// <summary>
    /// Claims the delivery of <paramref name="messageId"/> on <paramref name="channel"/>. A claim older than
    /// <paramref name="lease"/> (its holder died) is taken over.
    /// </summary>
    Task<DeliveryClaim> ClaimAsync(string messageId, string channel, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Records that the claimed delivery was sent (<paramref name="refused"/> false) or refused for good.</summary>
    Task CompleteAsync(DeliveryClaim claim, bool refused, DateTimeOffset now, string? detail, CancellationToken cancellationToken);

    /// <summary>Gives the claim up after a transient failure, so the next attempt can claim at once.</summary>
    Task ReleaseAsync(DeliveryClaim claim, CancellationToken cancellationToken);
}
