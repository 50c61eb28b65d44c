namespace KeyMeter.Core.Queues;

/// <summary>
/// Port for sending messages to a named queue: Service Bus in Azure, in-process queues in local mode.
/// </summary>
/// <remarks>
/// Delivery is at least once. Receivers must be idempotent on <see cref="QueueMessage.MessageId"/>, which is also the
/// duplicate-detection key of the queue (a second message with the same id inside the window is dropped).
/// </remarks>
public interface IQueueSender
{
    /// <summary>Sends <paramref name="messages"/> to <paramref name="queueName"/> in order.</summary>
    /// <param name="queueName">The queue name as written in the consuming function's <c>function.json</c>.</param>
    /// <param name="messages">The messages; an empty list sends nothing.</param>
    /// <param name="cancellationToken">Cancels the send; messages may or may not have been accepted.</param>
    /// <exception cref="InvalidOperationException">No queue named <paramref name="queueName"/> exists.</exception>
    Task SendAsync(string queueName, IReadOnlyList<QueueMessage> messages, CancellationToken cancellationToken);
}
