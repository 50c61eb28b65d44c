namespace KeyMeter.Core.Notifications;

/// <summary>
/// Port to one way of reaching people: email (Azure Communication Services or SMTP), a Microsoft Teams Workflows
/// webhook, a Slack incoming webhook. A channel renders the message itself and retries transient failures within one
/// call; it never throws for an expected failure, it answers with a <see cref="ChannelSendResult"/>.
/// </summary>
public interface INotificationChannel
{
    /// <summary>The channel's name in logs, the delivery ledger and results: <c>email</c>, <c>teams</c>, <c>slack</c>.</summary>
    string Name { get; }

    /// <summary>
    /// True when the channel has what it needs (a webhook secret, an email sender and recipients): the dispatcher asks
    /// first, so a channel that is off costs no ledger write.
    /// </summary>
    ValueTask<bool> IsConfiguredAsync(CancellationToken cancellationToken);

    /// <summary>Sends <paramref name="message"/>; <see cref="ChannelSendStatus.NotConfigured"/> when the channel has no settings.</summary>
    Task<ChannelSendResult> SendAsync(NotificationMessage message, CancellationToken cancellationToken);
}
