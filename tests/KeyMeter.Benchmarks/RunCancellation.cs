namespace KeyMeter.Benchmarks;

/// <summary>How a benchmark run stops early: at its time limit, or on Ctrl+C, which then cancels the run instead of killing the process (so Azurite and the app are stopped).</summary>
internal static class RunCancellation
{
    public static CancellationTokenSource Start(TimeSpan limit)
    {
        var cancel = new CancellationTokenSource(limit);
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        return cancel;
    }
}
