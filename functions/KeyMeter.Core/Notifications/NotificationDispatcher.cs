using Microsoft.Extensions.Logging;

namespace KeyMeter.Core.Notifications;

/// <summary>
/// <see cref="INotificationDispatcher"/> over the channels and the delivery ledger. For each configured channel, in
/// order: claim the delivery, send, then record it sent (or refused for good) or give the claim back after a
/// transient failure. A channel that had the message before is not sent it again, so a retry after a partial failure
/// reaches only the channels still owed it.
/// </summary>
/// <remarks>
/// The one gap at-least-once delivery leaves: a process that dies after the receiver accepted a message and before the
/// ledger recorded it. Its claim expires after <see cref="ClaimLease"/> and the message is sent again; ACS email also
/// dedupes that case by its <c>Operation-Id</c>.
/// </remarks>
public sealed class NotificationDispatcher(
    IEnumerable<INotificationChannel> channels,
    IDeliveryLedger ledger,
    TimeProvider time,
    ILogger<NotificationDispatcher> logger) : INotificationDispatcher
{
    /// <summary>How long a claim stays another delivery's before it is taken over: longer than a channel's retries.</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(5);

    private readonly IReadOnlyList<INotificationChannel> _channels = [.. channels];

    public async Task<DispatchResult> DispatchAsync(NotificationMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var results = new List<ChannelSendResult>(_channels.Count);
        foreach (var channel in _channels)
        {
            results.Add(await DeliverAsync(channel, message, cancellationToken));
        }

        return new DispatchResult(results);
    }

    private async Task<ChannelSendResult> DeliverAsync(INotificationChannel channel, NotificationMessage message, CancellationToken cancellationToken)
    {
        if (!await channel.IsConfiguredAsync(cancellationToken))
        {
            return ChannelSendResult.NotConfigured(channel.Name);
        }

        var claim = await ledger.ClaimAsync(message.Id, channel.Name, time.GetUtcNow(), ClaimLease, cancellationToken);
        switch (claim.Outcome)
        {
            case DeliveryClaimOutcome.AlreadySent:
                NotificationsLog.AlreadySent(logger, message.Id, channel.Name);
                return ChannelSendResult.Sent(channel.Name);
            case DeliveryClaimOutcome.AlreadyRefused:
                return ChannelSendResult.Permanent(channel.Name, "The receiver refused this message before.");
            case DeliveryClaimOutcome.Busy:
                return ChannelSendResult.Transient(channel.Name, "Another delivery of this message is in progress.");
        }

        ChannelSendResult result;
        try
        {
            result = await channel.SendAsync(message, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            result = ChannelSendResult.Transient(channel.Name, exception.GetType().Name);
        }

        switch (result.Status)
        {
            case ChannelSendStatus.Sent:
                await ledger.CompleteAsync(claim, refused: false, time.GetUtcNow(), null, CancellationToken.None);
                NotificationsLog.Sent(logger, message.Id, channel.Name);
                break;
            case ChannelSendStatus.PermanentFailure:
                await ledger.CompleteAsync(claim, refused: true, time.GetUtcNow(), result.Detail, CancellationToken.None);
                NotificationsLog.Refused(logger, message.Id, channel.Name, result.Detail);
                break;
            case ChannelSendStatus.NotConfigured:
                // Nothing to send to (an email without any recipient): nothing owed either.
                await ledger.ReleaseAsync(claim, CancellationToken.None);
                break;
            default:
                await ledger.ReleaseAsync(claim, CancellationToken.None);
                NotificationsLog.SendFailed(logger, message.Id, channel.Name, result.Detail);
                break;
        }

        return result;
    }
}
