namespace KeyMeter.Core.Telemetry;

/// <summary>
/// One number an agent's OTLP metric export reported: a point of a sum or a gauge, with its metric's name, the series'
/// attributes (its resource's and its own; the point's win) and its times.
/// </summary>
/// <param name="StartTimeUnixNano">When the series (or, for a delta, this interval) started; 0 when not given.</param>
/// <param name="Value">The point's value, from <c>asInt</c> or <c>asDouble</c>; null when it has neither.</param>
/// <param name="Cumulative">Whether the value is a running total since <paramref name="StartTimeUnixNano"/> (a cumulative sum) rather than the interval's own amount (a delta sum) or a reading (a gauge).</param>
public sealed record TelemetryPoint(
    string MetricName,
    string ServiceName,
    TelemetryAttributes Attributes,
    ulong StartTimeUnixNano,
    ulong TimeUnixNano,
    double? Value,
    bool Cumulative)
{
    public DateTimeOffset Time => OtlpFields.TimeOf(TimeUnixNano);
}
