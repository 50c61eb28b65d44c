namespace KeyMeter.Functions.Local;

/// <summary>
/// Service Bus duplicate detection: a MessageId seen within the window is a duplicate. Not thread-safe; the owning
/// queue calls it under its lock.
/// </summary>
internal sealed class DuplicateDetector(TimeSpan window)
{
    private readonly Dictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private readonly Queue<(string MessageId, DateTimeOffset SeenAt)> _order = new();

    /// <summary>Records <paramref name="messageId"/>; false when it was already seen within the window.</summary>
    public bool TryAdd(string messageId, DateTimeOffset now)
    {
        // 1. Forget ids that left the window.
        while (_order.TryPeek(out var oldest) && now - oldest.SeenAt >= window)
        {
            _order.Dequeue();
            _seen.Remove(oldest.MessageId);
        }

        // 2. An id still remembered is a duplicate; a zero window remembers nothing.
        if (window <= TimeSpan.Zero)
        {
            return true;
        }

        if (!_seen.TryAdd(messageId, now))
        {
            return false;
        }

        _order.Enqueue((messageId, now));
        return true;
    }
}
