using KeyMeter.Core.Queues;

namespace KeyMeter.Functions.Local;

/// <summary>
/// Local mode's <see cref="IDeadLetters"/>: the messages parked in the <see cref="IDeadLetterStore"/>, replayed into the
/// in-process queue under a new message id and then forgotten.
/// </summary>
internal sealed class LocalDeadLetters(IDeadLetterStore store, InProcessQueues queues) : IDeadLetters
{
    public async Task<DeadLetterListing> ListAsync(string queueName, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var parked = await store.ListAsync(queueName, max + 1, cancellationToken);
        return new DeadLetterListing(
            [.. parked.Take(max).Select(message => new DeadLetter(message.Message.MessageId, message.DeliveryCount, message.Reason))],
            parked.Count > max);
    }

    public async Task<DeadLetterReplay> ReplayAsync(string queueName, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var replayed = new List<ReplayedMessage>();
        foreach (var parked in await store.ListAsync(queueName, max, cancellationToken))
        {
            // Sent first, forgotten second: a failure in between replays it twice, which counts once.
            var replayId = ReplayMessageId.For(parked.Message.MessageId, Guid.NewGuid().ToString("N"));
            await queues.SendAsync(queueName, [parked.Message with { MessageId = replayId }], cancellationToken);
            replayed.Add(new ReplayedMessage(parked.Message.MessageId, replayId));
            await store.DeleteAsync(queueName, parked.Id, cancellationToken);
        }

        return new DeadLetterReplay(replayed, null);
    }
}
