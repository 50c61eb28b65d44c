namespace KeyMeter.Core.Notifications;

/// <summary>The result of <see cref="IDeliveryLedger.ClaimAsync"/>; <see cref="Version"/> identifies the claim for completing it.</summary>
public sealed record DeliveryClaim(string MessageId, string Channel, DeliveryClaimOutcome Outcome, string? Version = null);
