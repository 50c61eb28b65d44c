namespace KeyMeter.Core.Notifications;

/// <summary>The outcome of <see cref="INotificationChannel.SendAsync"/>.</summary>
/// <param name="Channel">The channel's <see cref="INotificationChannel.Name"/>.</param>
/// <param name="Status">How it ended.</param>
/// <param name="Detail">Why it failed, for logs; never holds a webhook URL, a key or a message body.</param>
public sealed record ChannelSendResult(string Channel, ChannelSendStatus Status, string? Detail = null)
{
    public static ChannelSendResult Sent(string channel) => new(channel, ChannelSendStatus.Sent);

    public static ChannelSendResult NotConfigured(string channel) => new(channel, ChannelSendStatus.NotConfigured);

    public static ChannelSendResult Transient(string channel, string detail) => new(channel, ChannelSendStatus.TransientFailure, detail);

    public static ChannelSendResult Permanent(string channel, string detail) => new(channel, ChannelSendStatus.PermanentFailure, detail);
}
