namespace KeyMeter.Functions.Local;

/// <summary>
/// Port to where local mode keeps the messages its in-process queues park after too many failed deliveries: durably
/// (<see cref="TableDeadLetterStore"/>, in Azurite), so they outlive the process as Service Bus dead letters do.
/// </summary>
internal interface IDeadLetterStore
{
    /// <summary>Keeps <paramref name="message"/>.</summary>
    Task SaveAsync(DeadLetteredMessage message, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="max"/> parked messages of <paramref name="queueName"/>, oldest first, bodies included.</summary>
    Task<IReadOnlyList<DeadLetteredMessage>> ListAsync(string queueName, int max, CancellationToken cancellationToken);

    /// <summary>Forgets a parked message; forgetting one that is gone is not an error.</summary>
    Task DeleteAsync(string queueName, string id, CancellationToken cancellationToken);
}
