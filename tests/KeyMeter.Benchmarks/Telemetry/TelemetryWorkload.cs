using KeyMeter.Core.Keys;
using KeyMeter.Core.Metering;
using KeyMeter.Core.Telemetry;
using KeyMeter.Functions.Proxy;
using KeyMeter.Functions.Telemetry;

namespace KeyMeter.Benchmarks.Telemetry;

/// <summary>
/// The exports of <see cref="TelemetryExporter.All"/>, deterministic from a seed: each exporter's own stream of events
/// (<see cref="AgentEventStream"/>) cut into batches of <see cref="TelemetrySettings.MinBatchEvents"/> to
/// <see cref="TelemetrySettings.MaxBatchEvents"/> events, the exporters taking turns. Each payload's expected usage
/// records are worked out as it is built, so nothing of that is part of a measurement.
/// </summary>
internal sealed class TelemetryWorkload(IReadOnlyList<DeveloperKey> keys, CallPricing pricing, DateTimeOffset start, int seed)
{
    private readonly Random _sizes = new(seed);
    private readonly AgentEventStream[] _streams = [.. TelemetryExporter.All.Select(exporter => new AgentEventStream(exporter, start, seed + 1 + exporter.Index))];

    /// <summary>The next <paramref name="batches"/> exports, one exporter after the other.</summary>
    public List<TelemetryPayload> Next(int batches)
    {
        var payloads = new List<TelemetryPayload>(batches);
        for (var i = 0; i < batches; i++)
        {
            var stream = _streams[i % _streams.Length];
            var exporter = stream.Exporter;
            var events = _sizes.Next(TelemetrySettings.MinBatchEvents, TelemetrySettings.MaxBatchEvents + 1);
            var (request, calls) = stream.NextBatch(events);
            var inflated = OtlpBodies.Encode(request, exporter.Encoding);
            var body = exporter.Gzip ? OtlpBodies.Gzip(inflated) : inflated;
            payloads.Add(new TelemetryPayload(exporter, body, inflated.Length, events, calls, RecordsOf(inflated, exporter.Encoding, keys[exporter.Developer])));
        }

        return payloads;
    }

    /// <summary>What the receiver makes of <paramref name="body"/> sent with <paramref name="key"/>: a record per model call, none for other events.</summary>
    private List<UsageRecord> RecordsOf(byte[] body, OtlpEncoding encoding, DeveloperKey key)
    {
        var batch = OtlpLogsDecoder.Decode(body, encoding);
        if (batch.Error is { } error)
        {
            throw new InvalidOperationException("The workload built an export KeyMeter cannot read: " + error);
        }

        var records = new List<UsageRecord>();
        foreach (var telemetry in batch.Events)
        {
            if (AgentCalls.Read(telemetry, out var call, out var rejection) == AgentCallReading.Rejected)
            {
                throw new InvalidOperationException("The workload built a model-call event KeyMeter rejects: " + rejection);
            }

            if (call is not null)
            {
                records.Add(AgentUsageRecords.Of(call, key, pricing.Price(call.PriceProvider, call.Model, call.Tokens, call.Time)));
            }
        }

        return records;
    }
}
