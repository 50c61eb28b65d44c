using KeyMeter.Core.Notifications;
using KeyMeter.Core.Secrets;

namespace KeyMeter.Adapters.Notifications;

/// <summary>Slack through an incoming webhook: the secret <see cref="SecretNames.SlackWebhookUrl"/>, Block Kit from <see cref="SlackBlocksBuilder"/>.</summary>
internal sealed class SlackChannel(WebhookPoster poster) : INotificationChannel
{
    public const string ChannelName = "slack";

    public string Name => ChannelName;

    public ValueTask<bool> IsConfiguredAsync(CancellationToken cancellationToken) => poster.HasUrlAsync(SecretNames.SlackWebhookUrl, cancellationToken);

    public Task<ChannelSendResult> SendAsync(NotificationMessage message, CancellationToken cancellationToken) =>
        poster.PostAsync(Name, SecretNames.SlackWebhookUrl, SlackBlocksBuilder.Build(message), cancellationToken);
}
