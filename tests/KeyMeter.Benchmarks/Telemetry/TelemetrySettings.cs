namespace KeyMeter.Benchmarks.Telemetry;

/// <summary>
/// How much the telemetry benchmark does. Full mode stays under about five minutes on two cores, quick mode under
/// about one; posting also stops at <see cref="PostLimit"/> and the whole run at <see cref="RunLimit"/>.
/// </summary>
/// <param name="WarmUpBatches">Exports posted and counted first, so the measured phase starts with the JIT and the caches warm.</param>
/// <param name="Batches">Exports posted in the measured phase, by all exporters together.</param>
internal sealed record TelemetrySettings(string Mode, int WarmUpBatches, int Batches, TimeSpan PostLimit, TimeSpan RunLimit)
{
    /// <summary>Developers, each with a key of their own; each runs two of the exporters.</summary>
    public const int Developers = 4;

    /// <summary>
    /// Events per export: Claude Code's logs go out every 5 seconds (OTEL_LOGS_EXPORT_INTERVAL), a few dozen events
    /// from an agent at work.
    /// </summary>
    public const int MinBatchEvents = 20;

    public const int MaxBatchEvents = 50;

    /// <summary>The share of the measured phase's exports posted again afterwards, as exporters retry a post whose answer they lost.</summary>
    public const double RetryShare = 0.25;

    public const int Seed = 20261203;

    /// <summary>How long the events' clock runs behind the start of the run: all events are in the past, and their days are few.</summary>
    public static readonly TimeSpan EventsBehind = TimeSpan.FromHours(2);

    /// <summary>Longest wait for the aggregates to hold every call posted; past it the run fails.</summary>
    public static readonly TimeSpan AggregationLimit = TimeSpan.FromMinutes(2);

    /// <summary>Wait after the aggregates are complete (or after the retries), so that a late or repeated count would show.</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(1.5);

    public static int Exporters => TelemetryExporter.All.Count;

    public static TelemetrySettings Full { get; } = new("full", 80, 8_000, TimeSpan.FromSeconds(150), TimeSpan.FromMinutes(6));

    public static TelemetrySettings Quick { get; } = new("quick", 40, 600, TimeSpan.FromSeconds(20), TimeSpan.FromMinutes(2));

    public static bool TryParse(IReadOnlyList<string> args, out TelemetrySettings settings)
    {
        settings = args switch
        {
            [] => Full,
            ["--quick"] => Quick,
            _ => null!,
        };
        return settings is not null;
    }
}
