namespace KeyMeter.Core.Queues;

/// <summary>
/// Port to the dead letters of a queue: messages its consumer failed on too many deliveries in a row, set aside by
/// Service Bus (in Azure) or by local mode's in-process queue. Listing shows what is there; replaying sends them back
/// to their queue, to be delivered again once the cause (a storage outage, a bug) is gone.
/// </summary>
/// <remarks>
/// A replayed message gets a new message id (<see cref="ReplayMessageId"/>), so the queue's duplicate detection does not
/// drop it as a copy of the original. That is safe because the consumers are idempotent on the content: a usage record
/// counts once by its record id, an alert is sent once per channel by its alert id.
/// </remarks>
public interface IDeadLetters
{
    /// <summary>Up to <paramref name="max"/> dead letters of <paramref name="queueName"/>, oldest first; never their bodies.</summary>
    /// <param name="queueName">A queue a function listens on.</param>
    /// <param name="max">How many to list, at least 1.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    Task<DeadLetterListing> ListAsync(string queueName, int max, CancellationToken cancellationToken);

    /// <summary>
    /// Moves up to <paramref name="max"/> dead letters back to <paramref name="queueName"/>, oldest first: each is sent
    /// again before it is removed, so a failure part way leaves it dead-lettered (or, at worst, both sent and still
    /// listed), never lost.
    /// </summary>
    /// <param name="queueName">A queue a function listens on.</param>
    /// <param name="max">How many to replay, at least 1.</param>
    /// <param name="cancellationToken">Cancels the replay between messages.</param>
    Task<DeadLetterReplay> ReplayAsync(string queueName, int max, CancellationToken cancellationToken);
}
