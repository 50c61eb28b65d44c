namespace KeyMeter.Core.Queues;

/// <summary>The dead letters found, and whether there are more than were listed.</summary>
/// <param name="Messages">Oldest first.</param>
/// <param name="More">True when more dead letters wait than were listed.</param>
public sealed record DeadLetterListing(IReadOnlyList<DeadLetter> Messages, bool More)
{
    /// <summary>Why the dead letters could not be read (naming the status), or null.</summary>
    public string? Failure { get; init; }
}
