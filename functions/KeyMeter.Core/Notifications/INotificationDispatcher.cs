namespace KeyMeter.Core.Notifications;

/// <summary>
/// Sends a message to every configured channel exactly once per channel, however often it is asked to: a delivery
/// ledger keyed by <see cref="NotificationMessage.Id"/> and channel name remembers what was sent, so a retry after a
/// partial failure sends only to the channels that have not had it.
/// </summary>
public interface INotificationDispatcher
{
    /// <summary>Delivers <paramref name="message"/>; the result says, per channel, whether it was sent (now or before).</summary>
    /// <exception cref="Exception">Only for storage failures of the ledger (transient): the caller retries the whole message.</exception>
    Task<DispatchResult> DispatchAsync(NotificationMessage message, CancellationToken cancellationToken);
}
