using KeyMeter.Core.Notifications;
using KeyMeter.Core.Secrets;

namespace KeyMeter.Adapters.Notifications;

/// <summary>
/// Microsoft Teams through a Workflows webhook (Office 365 connectors are retired): the secret
/// <see cref="SecretNames.TeamsWebhookUrl"/>, an Adaptive Card message from <see cref="TeamsCardBuilder"/>.
/// </summary>
internal sealed class TeamsChannel(WebhookPoster poster) : INotificationChannel
{
    public const string ChannelName = "teams";

    public string Name => ChannelName;

    public ValueTask<bool> IsConfiguredAsync(CancellationToken cancellationToken) => poster.HasUrlAsync(SecretNames.TeamsWebhookUrl, cancellationToken);

    public Task<ChannelSendResult> SendAsync(NotificationMessage message, CancellationToken cancellationToken) =>
        poster.PostAsync(Name, SecretNames.TeamsWebhookUrl, TeamsCardBuilder.Build(message), cancellationToken);
}
