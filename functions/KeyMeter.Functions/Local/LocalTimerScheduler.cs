using KeyMeter.Functions.CustomHandler;

namespace KeyMeter.Functions.Local;

/// <summary>
/// Fires each enabled timer function of the catalog on its schedule (UTC) by posting the timer payload to its
/// <c>POST /{name}</c> endpoint, as the host would; <c>runOnStartup</c> fires once at start. A failed invocation is
/// logged and the schedule goes on.
/// </summary>
internal sealed class LocalTimerScheduler(
    FunctionCatalog catalog,
    LocalInvoker invoker,
    TimeProvider timeProvider,
    ILogger<LocalTimerScheduler> logger) : BackgroundService
{
    // Task.Delay accepts at most ~49 days; longer waits are taken in steps.
    private static readonly TimeSpan MaxDelay = TimeSpan.FromDays(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(catalog.TimerFunctions.Where(timer => !timer.Disabled).Select(timer => RunAsync(timer, stoppingToken)));

    private async Task RunAsync(TimerFunctionDefinition timer, CancellationToken cancellationToken)
    {
        try
        {
            // 1. runOnStartup fires once, right away.
            DateTimeOffset? last = null;
            var cursor = timeProvider.GetUtcNow();
            if (timer.RunOnStartup)
            {
                await FireAsync(timer, cursor, last, cancellationToken);
                last = cursor;
            }

            // 2. Then every occurrence. The cursor only moves forward, so an early wake-up cannot fire an occurrence
            //    twice, and occurrences missed while an invocation ran long are skipped rather than replayed.
            while (true)
            {
                var next = timer.Schedule.GetNextOccurrence(cursor);
                Log.TimerScheduled(logger, timer.Name, next);
                await DelayUntilAsync(next, cancellationToken);
                await FireAsync(timer, next, last, cancellationToken);
                last = next;
                var now = timeProvider.GetUtcNow();
                cursor = now > next ? now : next;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task DelayUntilAsync(DateTimeOffset due, CancellationToken cancellationToken)
    {
        for (var remaining = due - timeProvider.GetUtcNow(); remaining > TimeSpan.Zero; remaining = due - timeProvider.GetUtcNow())
        {
            await Task.Delay(remaining < MaxDelay ? remaining : MaxDelay, timeProvider, cancellationToken);
        }
    }

    private async Task FireAsync(TimerFunctionDefinition timer, DateTimeOffset scheduledAt, DateTimeOffset? last, CancellationToken cancellationToken)
    {
        // ScheduleStatus as a schedule monitor would keep it: the previous firing and the one after this.
        var now = timeProvider.GetUtcNow();
        var info = new TimerInfo(
            new TimerScheduleInfo(AdjustForDST: timer.Schedule.Interval is null),
            new ScheduleStatus(last, timer.Schedule.GetNextOccurrence(scheduledAt), now),
            IsPastDue: false);

        Log.TimerFiring(logger, timer.Name, scheduledAt);
        var result = await invoker.InvokeAsync(timer.Name, HostPayloadFactory.Timer(timer, info, now), cancellationToken);
        if (!result.Succeeded)
        {
            Log.TimerFailed(logger, timer.Name, result.Failure);
        }
    }
}
