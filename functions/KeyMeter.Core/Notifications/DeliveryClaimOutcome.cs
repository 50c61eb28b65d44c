namespace KeyMeter.Core.Notifications;

/// <summary>What <see cref="IDeliveryLedger.ClaimAsync"/> found for a message and channel.</summary>
public enum DeliveryClaimOutcome
{
    /// <summary>Nobody sent it yet and this caller now holds the claim: send, then complete or release.</summary>
    Claimed,

    /// <summary>It was sent before: nothing to do.</summary>
    AlreadySent,

    /// <summary>The receiver refused it before (a permanent failure): it is not tried again.</summary>
    AlreadyRefused,

    /// <summary>Another delivery holds a fresh claim: try again later.</summary>
    Busy,
}
