namespace KeyMeter.Core.Notifications;

/// <summary>How one channel's send ended.</summary>
public enum ChannelSendStatus
{
    /// <summary>The receiver accepted the message.</summary>
    Sent,

    /// <summary>The channel has no settings (no webhook secret, no email sender): nothing was attempted.</summary>
    NotConfigured,

    /// <summary>Failed after the channel's retries; trying again later may succeed (5xx, 429, network).</summary>
    TransientFailure,

    /// <summary>The receiver refused the message (4xx other than 429): trying again will not help.</summary>
    PermanentFailure,
}
