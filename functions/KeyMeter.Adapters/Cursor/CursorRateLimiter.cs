namespace KeyMeter.Adapters.Cursor;

/// <summary>
/// A client-side sliding-window limiter: at most <c>permitsPerWindow</c> requests in any rolling 60 seconds, so the
/// client stays under Cursor's per-team limits (https://cursor.com/docs/api) instead of learning them from 429s.
/// Thread-safe; waiters sleep on <see cref="TimeProvider"/> until the oldest grant leaves the window.
/// </summary>
internal sealed class CursorRateLimiter
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    private readonly Lock _gate = new();
    private readonly Queue<DateTimeOffset> _grants = new();
    private readonly int _permitsPerWindow;
    private readonly TimeProvider _time;

    public CursorRateLimiter(int permitsPerWindow, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permitsPerWindow, 1);
        ArgumentNullException.ThrowIfNull(time);
        _permitsPerWindow = permitsPerWindow;
        _time = time;
    }

    /// <summary>Completes when a request may be sent, and counts it as sent at that moment.</summary>
    public async Task AcquireAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_gate)
            {
                var now = _time.GetUtcNow();
                while (_grants.Count > 0 && now - _grants.Peek() >= Window)
                {
                    _grants.Dequeue();
                }

                if (_grants.Count < _permitsPerWindow)
                {
                    _grants.Enqueue(now);
                    return;
                }

                wait = _grants.Peek() + Window - now;
            }

            // Several waiters may wake together; the loop lets only as many through as the window has room for.
            await Task.Delay(wait, _time, cancellationToken);
        }
    }
}
