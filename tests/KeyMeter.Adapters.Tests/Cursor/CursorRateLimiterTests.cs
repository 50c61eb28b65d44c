using KeyMeter.Adapters.Cursor;
using KeyMeter.Testing;

namespace KeyMeter.Adapters.Tests.Cursor;

public sealed class CursorRateLimiterTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly ManualTimeProvider _time = new(CursorTestClients.Start);

    [Fact]
    public async Task AcquireAsync_OneMoreThanTheLimit_WaitsUntilTheOldestLeavesTheWindow()
    {
        var limiter = new CursorRateLimiter(3, _time);
        Assert.True(limiter.AcquireAsync(None).IsCompletedSuccessfully);
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.True(limiter.AcquireAsync(None).IsCompletedSuccessfully);
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.True(limiter.AcquireAsync(None).IsCompletedSuccessfully);

        var fourth = limiter.AcquireAsync(None);
        _time.Advance(TimeSpan.FromSeconds(39));
        await Task.Delay(20);

        Assert.False(fourth.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));
        await fourth.WaitAsync(TimeSpan.FromSeconds(5));

        // The window now holds the grants of 10 s, 20 s and 60 s: the next waits for the one of 10 s to leave, at 70 s.
        var fifth = limiter.AcquireAsync(None);
        _time.Advance(TimeSpan.FromSeconds(9));
        await Task.Delay(20);
        Assert.False(fifth.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));
        await fifth.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void AcquireAsync_AfterAFullWindow_DoesNotWait()
    {
        var limiter = new CursorRateLimiter(2, _time);
        Assert.True(limiter.AcquireAsync(None).IsCompletedSuccessfully);
        Assert.True(limiter.AcquireAsync(None).IsCompletedSuccessfully);

        _time.Advance(CursorRateLimiter.Window);

        Assert.True(limiter.AcquireAsync(None).IsCompletedSuccessfully);
        Assert.True(limiter.AcquireAsync(None).IsCompletedSuccessfully);
        Assert.False(limiter.AcquireAsync(None).IsCompleted);
    }

    [Fact]
    public void AcquireAsync_ManyConcurrentCallers_AdmitsExactlyTheLimit()
    {
        var limiter = new CursorRateLimiter(5, _time);
        var acquires = new Task[40];

        // AcquireAsync returns once it has either taken a permit or started waiting, so every call is decided here.
        Parallel.For(0, acquires.Length, i => acquires[i] = limiter.AcquireAsync(None));

        Assert.Equal(5, acquires.Count(acquire => acquire.IsCompletedSuccessfully));
        Assert.Equal(35, acquires.Count(acquire => !acquire.IsCompleted));
    }

    [Fact]
    public async Task AcquireAsync_CancelledWhileWaiting_Throws()
    {
        var limiter = new CursorRateLimiter(1, _time);
        await limiter.AcquireAsync(None);
        using var cancellation = new CancellationTokenSource();

        var waiting = limiter.AcquireAsync(cancellation.Token);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }
}
