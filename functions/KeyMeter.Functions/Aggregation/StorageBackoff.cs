namespace KeyMeter.Functions.Aggregation;

/// <summary>
/// Pauses between attempts at a batch while storage fails: exponential from the first delay, capped, with "equal
/// jitter" (half the step fixed, half random), so instances that failed together do not all come back at once and the
/// pauses still grow (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/).
/// </summary>
internal static class StorageBackoff
{
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(15);

    /// <summary>The pause after failed attempt <paramref name="attempt"/> (1 for the first).</summary>
    public static TimeSpan Delay(int attempt, TimeSpan first, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        ArgumentNullException.ThrowIfNull(random);
        var step = Math.Min(MaxDelay.TotalMilliseconds, first.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 16)));
        return TimeSpan.FromMilliseconds((step / 2) + (random.NextDouble() * step / 2));
    }
}
