using KeyMeter.Benchmarks.Aggregation;
using KeyMeter.Benchmarks.Proxy;

namespace KeyMeter.Benchmarks.Telemetry;

/// <summary>
/// One phase of posting: what was posted and how the posts went, and over the phase (posting, the wait for the
/// aggregates, the pause after) the Table requests the app made and the processor time of both processes.
/// </summary>
/// <param name="Posted">The exports posted, in the order they were taken.</param>
/// <param name="UntilAggregated">From the first post until the aggregates held every call posted so far; null when not waited for, or never.</param>
/// <param name="Window">The whole phase: posting, waiting, the pause after.</param>
/// <param name="Aggregator">The aggregator's store calls in the phase.</param>
internal sealed record TelemetryPhase(
    string Name,
    IReadOnlyList<TelemetryPayload> Posted,
    LoadResult Load,
    TimeSpan? UntilAggregated,
    TimeSpan Window,
    TableTrafficCounts Traffic,
    TableRequests Aggregator,
    CpuTimes Cpu)
{
    public long Events => Posted.Sum(payload => (long)payload.Events);

    public long Calls => Posted.Sum(payload => (long)payload.Records.Count);

    public long Bytes => Posted.Sum(payload => (long)payload.Body.Length);

    public double EventsPerSecond => Events / Load.Elapsed.TotalSeconds;

    public double CallsPerSecond => Calls / Load.Elapsed.TotalSeconds;

    /// <summary>Model calls per second from the first post until the last call was in the aggregates.</summary>
    public double CallsPerSecondEndToEnd => UntilAggregated is { } until ? Calls / until.TotalSeconds : double.NaN;

    /// <summary>Accepted posts, from sending the request until the answer was read.</summary>
    public DurationStats Latency => DurationStats.Of(Load.Calls.Where(call => call.Ok).Select(call => call.TotalTicks));
}
