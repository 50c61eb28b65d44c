namespace KeyMeter.Core.Queues;

/// <summary>The messages a replay sent back, and why it stopped early (null when it did not).</summary>
/// <param name="Replayed">Each replayed message, in order.</param>
/// <param name="Failure">What stopped the replay, naming the status or cause; never a body.</param>
public sealed record DeadLetterReplay(IReadOnlyList<ReplayedMessage> Replayed, string? Failure);
