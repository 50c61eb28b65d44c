namespace KeyMeter.Core.Notifications;

/// <summary>The outcome of <see cref="INotificationDispatcher.DispatchAsync"/>, one entry per channel.</summary>
/// <param name="Channels">Every channel's result; a channel that had the message before reports <see cref="ChannelSendStatus.Sent"/>.</param>
public sealed record DispatchResult(IReadOnlyList<ChannelSendResult> Channels)
{
    /// <summary>True when no configured channel is still owed the message: a retry has nothing left to do.</summary>
    public bool Completed => Channels.All(result => result.Status is not ChannelSendStatus.TransientFailure);

    /// <summary>True when no channel is configured at all.</summary>
    public bool NothingConfigured => Channels.All(result => result.Status == ChannelSendStatus.NotConfigured);
}
