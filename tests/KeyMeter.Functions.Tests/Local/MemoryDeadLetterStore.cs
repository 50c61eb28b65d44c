using System.Collections.Concurrent;
using KeyMeter.Functions.Local;

namespace KeyMeter.Functions.Tests.Local;

/// <summary>An <see cref="IDeadLetterStore"/> in memory, for tests of the queues without storage; can fail its first saves.</summary>
internal sealed class MemoryDeadLetterStore(int failFirstSaves = 0) : IDeadLetterStore
{
    private readonly ConcurrentDictionary<string, DeadLetteredMessage> _messages = new(StringComparer.Ordinal);
    private int _failuresLeft = failFirstSaves;

    public IReadOnlyList<DeadLetteredMessage> All => [.. _messages.Values.OrderBy(message => message.Id, StringComparer.Ordinal)];

    public Task SaveAsync(DeadLetteredMessage message, CancellationToken cancellationToken)
    {
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            throw new IOException("storage is down");
        }

        _messages[message.QueueName + "/" + message.Id] = message;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<DeadLetteredMessage>> ListAsync(string queueName, int max, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DeadLetteredMessage>>([.. All.Where(message => string.Equals(message.QueueName, queueName, StringComparison.OrdinalIgnoreCase)).Take(max)]);

    public Task DeleteAsync(string queueName, string id, CancellationToken cancellationToken)
    {
        _messages.TryRemove(queueName + "/" + id, out _);
        return Task.CompletedTask;
    }
}
