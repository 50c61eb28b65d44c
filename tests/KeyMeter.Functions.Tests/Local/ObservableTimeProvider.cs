using KeyMeter.Testing;

namespace KeyMeter.Functions.Tests.Local;

/// <summary>
/// A <see cref="ManualTimeProvider"/> that also counts the timers created on it, so a test can wait until the code
/// under test is sleeping before it moves the clock.
/// </summary>
internal sealed class ObservableTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly ManualTimeProvider _inner = new(start);
    private int _timersCreated;

    public override DateTimeOffset GetUtcNow() => _inner.GetUtcNow();

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = _inner.CreateTimer(callback, state, dueTime, period);
        Interlocked.Increment(ref _timersCreated);
        return timer;
    }

    public void Advance(TimeSpan by) => _inner.Advance(by);

    public async Task WaitForTimersAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Volatile.Read(ref _timersCreated) < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Only {_timersCreated} of {count} timer(s) were created.");
            }

            await Task.Delay(10);
        }
    }
}
