namespace KeyMeter.Functions.Tests.Aggregation;

/// <summary>
/// A clock on which every wait ends at once: a timer moves the clock forward by its due time and fires. Code that
/// backs off for minutes runs in milliseconds, and <see cref="Elapsed"/> says how long it would have waited.
/// </summary>
internal sealed class SkippingTimeProvider(DateTimeOffset start) : TimeProvider
{
    private long _elapsedTicks;

    public TimeSpan Elapsed => TimeSpan.FromTicks(Interlocked.Read(ref _elapsedTicks));

    public override DateTimeOffset GetUtcNow() => start + Elapsed;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _elapsedTicks, by.Ticks);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            Advance(dueTime);
            ThreadPool.QueueUserWorkItem(_ => callback(state));
        }

        return new Timer();
    }

    private sealed class Timer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
